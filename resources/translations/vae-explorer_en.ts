<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the model checkpoint &lt;file&gt; at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training as soon as the data is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train for &lt;n&gt; epochs (overrides the saved setting).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also show the training images in the latent plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the manifold grid of decoded images under the latent points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the panel with the manifold at the prior&apos;s quantiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the panel with decoded samples from the prior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Inspector on test image &lt;index&gt; (0 to 9999).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the window to &lt;file&gt; and quit (uses default settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the screenshot after &lt;seconds&gt; (default 10).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the picture &lt;file&gt; into the Draw tool at start (it opens the tool).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the interpolation between two endpoints, each a latent point z1,z2 or a test image #N, e.g. -1,0.5:2,1 or &apos;#3:#2&apos;; add :slerp for the spherical path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a:b[:slerp]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train with a &lt;n&gt;-dimensional latent space (overrides the saved setting).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Time-lapse panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Traversal panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Latent Dimensions panel (KL per dimension).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent plot plane for D &gt; 2: &quot;pca&quot;, or two dimensions &quot;X,Y&quot; counted from 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language for this run: en or zh_CN (overrides View ▸ Language and the system locale).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model checkpoint to open (same as --open).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at most one checkpoint to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--epochs needs a whole number of at least 1, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--latent-dim needs a whole number of at least 1, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--projection needs &quot;pca&quot; or two dimensions &quot;X,Y&quot; (from 1), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--inspect needs a test image index of at least 0, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot-after needs a number of seconds ≥ 0, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot-after needs --screenshot FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interpolate needs two endpoints A:B, each z1,z2 or #N (a test image), optionally followed by :slerp, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--language needs en or zh_CN, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Posterior panel on test image &lt;index&gt; (2-D latent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Importance-Weighted Bound panel and compute it once a model is there and not training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Gradient Estimators panel (reparameterization vs score function).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the models of &lt;preset&gt; side by side from the same seed: ae-vae (autoencoder vs VAE), beta (VAE β = 1 vs 4) or beta-sweep (β = 0.5 / 1 / 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Rate–Distortion panel (KL vs reconstruction while training).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--posterior needs a test image index of at least 0, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare needs one of %1, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a variational autoencoder and explore its latent space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the dataset&apos;s IDX files from &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dataset: unknown dataset &quot;%1&quot;; expected one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on &lt;name&gt;: mnist (the default), fashion-mnist, binarized-mnist:dynamic, binarized-mnist:static, shapes, or your own folder:PATH[:size=N], csv:PATH[:label=COLUMN] or npy:PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dataset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the latent plot by &lt;factor&gt;: &quot;class&quot; or, for data with known factors (shapes), a factor&apos;s name such as &quot;scale&quot; or &quot;position x&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue training the opened model once the data is loaded, until epoch --epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the run folder &lt;dir&gt; that a PyTorch script writes (File ▸ Follow Run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--continue needs a model to continue: give --open FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--continue and --train cannot be combined: --train starts a new run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train an &quot;mlp&quot; or a &quot;conv&quot; (convolutional) model, with the channels of the settings (overrides the saved setting).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--architecture must be &quot;mlp&quot; or &quot;conv&quot;, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Autoencoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE (β = %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β-VAE (β = %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GifWriter</name>
    <message>
        <source>There are no frames to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loop extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot finish %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LatentProjection</name>
    <message>
        <source>PC %1 (%2% of variance)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LikelihoodText</name>
    <message>
        <source>Bernoulli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>continuous Bernoulli</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 likelihood needs values in [0, 1], but %2 holds real numbers (standardised columns): use the Gaussian.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write in the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TileGridText</name>
    <message>
        <source>z = (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::ComparisonDialog</name>
    <message>
        <source>Compare Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains two or three models at once, side by side, from the &lt;b&gt;same seed&lt;/b&gt;: the same initial weights, the same batches in the same order. They differ only in their objective, so what you see differ is what the objective does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoencoder vs VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE β = 1 vs β = 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β = 0.5 / 1 / 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β (weight of the KL term)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β-VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoencoder: z = μ(x), no sampling, no KL term. VAE: reconstruction + KL. β-VAE: reconstruction + β·KL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One seed for all models: same initial weights, same batches, same ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed (all models):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train and Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 models share the %2 cores: %3 thread(s) each. The other settings (latent dimension, layers, learning rate) come from the Training panel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::ComparisonTool</name>
    <message>
        <source>&amp;Compare Models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train an autoencoder and a VAE (or VAEs with different β) side by side from the same seed (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MNIST data is not loaded, so there is nothing to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::ComparisonWindow</name>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Autoencoder&lt;/b&gt;: z = μ(x), no noise, no KL term. Nothing pulls the codes towards the prior p(z) = N(0, I): they spread far beyond it, in arms with holes between them. Samples z ~ N(0, I) (the dashed circle) fall where a few arms meet and into the gaps, where the decoder never trained: blends and smudges, not the variety of the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;β = %1 &amp;gt; 1&lt;/b&gt; weighs the KL term (the rate) more: the codes are pressed closer to N(0, I) and carry less information about x — blurrier reconstructions, a smoother latent space; less rate, more distortion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;β = %1 &amp;lt; 1&lt;/b&gt; weighs the KL term less: z carries more information (more rate, less distortion), reconstructions are sharper, and the latent space is less like N(0, I) — it drifts towards the autoencoder&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;VAE&lt;/b&gt;: z ~ q(z|x) = N(μ, σ²), and the KL term pulls each q(z|x) towards p(z) = N(0, I). The codes fill the dashed circle the prior samples come from, without holes, so the samples decode to digits of every class.&lt;br&gt;ELBO = −&amp;#8288;(reconstruction + KL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Models — VAE Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train all models at once (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume all models (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all models; they stay explorable (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New prior samples z ~ N(0, I): the same draws for every model (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same &amp;Axes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latent planes share their axis ranges, so the same z sits at the same place in every pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Same seed, same batches: the models differ only in their objective. Click or drag in any latent plane to decode that z in all of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left button: decode this z in every pane · wheel: zoom · right drag: pan · double-click: fit. The dashed circle holds 95% of the prior p(z) = N(0, I): where the samples come from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% of p(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded at the marked z:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prior samples z ~ N(0, I):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate–distortion plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test after epoch %1: reconstruction &lt;b&gt;%2&lt;/b&gt; nats · KL %3 (no KL term)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test after epoch %1: ELBO &lt;b&gt;%2&lt;/b&gt; = −(reconstruction %3 + KL %4) nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test ELBO: after the first epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training now: reconstruction %1 · KL %2 nats · epoch %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::DataLoadIndicator</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loading: the data and the model you have now stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::DecodedView</name>
    <message>
        <source>Click the latent plot to decode a point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z = (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::DimensionsPanel</name>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latent dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean over the test images of KL(q(z_d|x) ‖ N(0, 1)) for each latent dimension d, in nats. A unit is active when it exceeds %1 nats.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No latent snapshot yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PCA of the means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other dimensions from the nearest point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a point is picked on the latent plot, take the dimensions the plot does not show from the μ of the nearest test image; unchecked, they are 0 (the prior&apos;s mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent plot (D &gt; 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vertical:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ p(z)) = Σ&lt;sub&gt;d&lt;/sub&gt; ½ (μ&lt;sub&gt;d&lt;/sub&gt;² + σ&lt;sub&gt;d&lt;/sub&gt;² − 1 − log σ&lt;sub&gt;d&lt;/sub&gt;²) in closed form for a diagonal Gaussian and p(z) = N(0, I); the bars average each term over the test images. Active units (KL&lt;sub&gt;d&lt;/sub&gt; above the threshold) carry information about x; the others have collapsed to the prior, the price the ELBO&apos;s KL term asks for unused dimensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute the KL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active units: %1 of %2 (KL &gt; %3 nats) · total KL %4 nats (step %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An autoencoder has no KL term: its codes z = μ(x) are not distributions, so there is no KL per dimension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known factors: mutual information gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIG = (1/K) Σ&lt;sub&gt;k&lt;/sub&gt; [I(z&lt;sub&gt;j(k)&lt;/sub&gt;; v&lt;sub&gt;k&lt;/sub&gt;) − max&lt;sub&gt;j ≠ j(k)&lt;/sub&gt; I(z&lt;sub&gt;j&lt;/sub&gt;; v&lt;sub&gt;k&lt;/sub&gt;)] / H(v&lt;sub&gt;k&lt;/sub&gt;) (Chen et al. 2018): for each factor v&lt;sub&gt;k&lt;/sub&gt;, how much more the best dimension z&lt;sub&gt;j(k)&lt;/sub&gt; knows about it than the runner-up. 1 when each factor lives in one dimension alone; raising β usually raises it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::DimensionsTool</name>
    <message>
        <source>Latent Dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent &amp;Dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL per latent dimension, active units, and which plane the latent plot shows (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::DrawPad</name>
    <message>
        <source>Draw with the left mouse button, erase with the right one.
Drop an image file here to load it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::DrawTool</name>
    <message>
        <source>Draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush diameter in image pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brush:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a picture of a digit (PNG, JPEG, …); it is converted to MNIST style. You can also drop an image file on the pad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The encoder turns your drawing x into q&lt;sub&gt;φ&lt;/sub&gt;(z|x) = N(μ, diag σ²). On the latent plot the cross is μ and the ellipses are its 1σ and 2σ contours (μ&lt;sub&gt;d&lt;/sub&gt; ± σ&lt;sub&gt;d&lt;/sub&gt; along each axis); the reconstruction decodes z = μ. In training z = μ + σ ⊙ ε with ε ~ N(0, I), the reparameterization trick, so that gradients reach μ and σ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit or load an image and see where the encoder puts it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit and see its posterior in the latent plot (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit on the pad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to encode the drawing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>μ = (%1)
σ = (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1 as an MNIST-style digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pad draws %1×%1 grey images; this model&apos;s examples are %2×%3 with %4 channel(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load %1: the data is a table, there is nothing to draw.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::FeatureProfile</name>
    <message>
        <source>Standardised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show each column in standard deviations from its training mean, (x − mean) / sd, so that columns of large units do not dwarf the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z-score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 examples: %2 to %3, mean %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::GradientPanel</name>
    <message>
        <source>&lt;p&gt;Two ways to estimate the gradient of the ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)) with respect to the encoder&apos;s parameters φ, each from one draw ε ~ N(0, I) per image (the KL term is exact in both):&lt;/p&gt;&lt;p&gt;&lt;b&gt;Reparameterization&lt;/b&gt; (pathwise): z = μ&lt;sub&gt;φ&lt;/sub&gt;(x) + σ&lt;sub&gt;φ&lt;/sub&gt;(x) ⊙ ε, ĝ = ∇&lt;sub&gt;φ&lt;/sub&gt; log p(x | μ&lt;sub&gt;φ&lt;/sub&gt;(x) + σ&lt;sub&gt;φ&lt;/sub&gt;(x) ⊙ ε): backpropagate through the decoder to z.&lt;br&gt;&lt;b&gt;Score function&lt;/b&gt; (REINFORCE): ĝ = log p(x|z) · ∇&lt;sub&gt;φ&lt;/sub&gt; log q&lt;sub&gt;φ&lt;/sub&gt;(z|x), with z held fixed.&lt;/p&gt;&lt;p&gt;Both average to the same gradient. The score function learns only how good z was — one number, log p(x|z), hundreds of nats below zero — and multiplies a noisy direction of zero mean by it. The reparameterization estimator uses the decoder&apos;s slope ∂log p/∂z: it knows which way to move z, and its noise comes only from where ε put z. A baseline b (the mean of log p(x|z) over the other draws) subtracted from log p(x|z) keeps the score function unbiased and removes part of its variance.&lt;/p&gt;&lt;p&gt;Bars: the total variance (summed over φ&apos;s coordinates) of one draw&apos;s estimate, measured over M draws, log scale; whiskers ± one standard error.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total variance of one draw&apos;s gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reparameterization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score fn. + baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch: the first n test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single-sample gradient estimates per estimator: each costs a backward pass through the encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute again with the newest model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Images n:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;raws M:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to compare the estimators.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing %1 draws per estimator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare the gradient estimators: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score function / reparameterization variance: &lt;b&gt;%1×&lt;/b&gt; (± %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with the baseline: %1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variance: reparameterization %1 ± %2, score function %3 ± %4. ‖mean gradient‖: %5 and %6 (± %7 and %8). n = %9 test images, M = %10 draws, %11 encoder parameters, step %12, ELBO %13 nats per image; computed in %14 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed in %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::GradientTool</name>
    <message>
        <source>Gradient Estimators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gradient Estimators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variance of the reparameterization and score-function gradient estimators for a batch of test images (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::HistoryCsv</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::InterpolationStrip</name>
    <message>
        <source>t = %1
z = (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::InterpolationTool</name>
    <message>
        <source> · Shift+click: interpolation endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spherical (slerp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear: the straight line from A to B.
Spherical: the great-circle arc (Shoemake 1985), which keeps the distance from the origin where the prior&apos;s mass is (White 2016).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images in the strip, A and B included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;wap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange A and B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear: z(t) = (1 − t)·z&lt;sub&gt;A&lt;/sub&gt; + t·z&lt;sub&gt;B&lt;/sub&gt;. Spherical: z(t) = [sin((1 − t)Ω)·z&lt;sub&gt;A&lt;/sub&gt; + sin(tΩ)·z&lt;sub&gt;B&lt;/sub&gt;] / sin Ω, with Ω the angle between z&lt;sub&gt;A&lt;/sub&gt; and z&lt;sub&gt;B&lt;/sub&gt;. In D dimensions most of N(0, I)&apos;s mass lies near the shell ‖z‖ ≈ √D; the straight line cuts through the middle, where codes are rare, while slerp stays on the shell (White 2016).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interpolation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the interpolation panel: Shift+click two points of the latent plot to decode the path between them (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Interpolation &amp;Strip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the decoded interpolation strip as PNG or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Interpolation Strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test image #%1 (waiting for the test set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+click the latent plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+click a second point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z = (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+click the latent plot again to set endpoint B.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+click the latent plot to set endpoint A, then again for B. Shift+click near a test point to start from that image; drag A or B to move them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to decode the path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decode the path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no interpolation strip yet: set two endpoints with Shift+click on a trained or opened model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpolation strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: use a file name ending in .png or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpolation endpoint %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test image #%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the strip as PNG (one pixel per image pixel) or PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test example #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::IwaeTool</name>
    <message>
        <source>Importance-Weighted Bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importance-&amp;Weighted Bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x) estimates L_k for k = 1, 10, 100, 1000 on the test set (Burda et al. 2015; Ctrl+Shift+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IWAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importance-weighted bounds L_k on the test set (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bounds over the first n test images: the time grows with n (and the quadrature line takes most of it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute L_1, L_10, L_100, L_1000 with the current model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k (importance samples per image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean over the images (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L_k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L_k (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>± s.e.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard error of the mean over the images (their spread / √n); the differences between the rows are paired (the same images) and far more precise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x) by quadrature − L_k, averaged over the same images (2-D latent only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Importance-weighted bound&lt;/b&gt; (Burda et al. 2015): with z&lt;sub&gt;1&lt;/sub&gt;, …, z&lt;sub&gt;k&lt;/sub&gt; drawn from q(z|x),&lt;br&gt;L&lt;sub&gt;k&lt;/sub&gt; = E[ log (1/k) Σ&lt;sub&gt;i&lt;/sub&gt; p(x, z&lt;sub&gt;i&lt;/sub&gt;) / q(z&lt;sub&gt;i&lt;/sub&gt;|x) ].&lt;br&gt;L&lt;sub&gt;1&lt;/sub&gt; is the ELBO, and ELBO = L&lt;sub&gt;1&lt;/sub&gt; ≤ L&lt;sub&gt;k&lt;/sub&gt; ≤ L&lt;sub&gt;m&lt;/sub&gt; ≤ log p(x) for k ≤ m, with L&lt;sub&gt;k&lt;/sub&gt; → log p(x) as k → ∞ (Theorem 1). More samples make the bound tighter without changing the model: the rise from L&lt;sub&gt;1&lt;/sub&gt; shows how much the ELBO underestimates log p(x). For a 2-D latent the dashed line is log p(x) itself, by quadrature on a grid, averaged over the same images.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute the bound: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x) by quadrature: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x) by quadrature on a %1 × %1 grid per image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing over the first %1 test images with the model at step %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Compute to estimate log p(x) on the test set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First %1 test images, seed %2, model at step %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has changed since: Compute again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No quadrature line: log p(x) on a grid needs a 2-D latent space.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the user interface; it changes at the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user interface is already in this language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when VAE Explorer starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The new language is used when VAE Explorer starts again.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running: the language changes at the next start. To restart now, stop training (Shift+F5) and choose the language again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1 again; please start it yourself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::LatentCsv</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::LatentPlot</name>
    <message>
        <source>faint dots:
training set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z₁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z₂</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::LossPlot</name>
    <message>
        <source>KL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−ELBO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (train, epoch mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch mean, train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconstruction (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nats per example</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::MainWindow</name>
    <message>
        <source>VAE Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a new model with the settings on the right (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume training (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training; the model so far stays explorable (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model checkpoints (*.safetensors);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model checkpoints (*.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Loss Plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Loss Plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export La&amp;tent Plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Latent Plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Latent &amp;Coordinates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Latent Coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for TensorBoard &amp;Projector…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write vectors.tsv and metadata.tsv (posterior means and labels of the test images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for TensorBoard Projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Loss &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Loss History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Training Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also plot the training images in the latent plot, lighter, under the test images (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit Latent View to Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as double-clicking the latent plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About VAE Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About VAE Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;VAE Explorer&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Trains a variational autoencoder (Kingma &amp;amp; Welling 2014) on MNIST and lets you explore its latent space: click or drag on the latent plot to decode a point, wheel to zoom, right-drag to pan, double-click to fit.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Explore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left button: decode · wheel: zoom · right or middle drag: pan · double-click: fit to data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MNIST data is not loaded, so there is nothing to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test ELBO %1 nats (epoch %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1/%2 · step %3/%4 · ETA %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1/%2 · step %3/%4 · %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: use a file name ending in .png or .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no latent coordinates yet: train or open a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export latent coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export for the projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 and %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no loss history yet: train or open a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the loss history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exploring %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid KL schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test reconstruction %1 nats (epoch %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MNIST (grey levels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binarized MNIST, dynamic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binarized MNIST, static</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training to open another dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the latent plot to decode a point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapes (dSprites design)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an Image Folder (one subfolder per class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CSV Table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a CSV Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV tables (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column that holds the class names (leave empty if there is none):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;NumPy Array…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a NumPy Array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the colours of the latent plot&apos;s points mean: the class, or one of the data&apos;s known factors of variation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--colour-by: this data has no &quot;%1&quot; to colour by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading… (Cancel in the status bar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each dot is a test example x, placed at the mean μ of its approximate posterior q&lt;sub&gt;φ&lt;/sub&gt;(z|x) and coloured by its class (or by what Colour by picks). A click picks a latent point z; the decoder gives the likelihood p&lt;sub&gt;θ&lt;/sub&gt;(x|z) over the D values of an example (784 pixels for MNIST; Bernoulli, continuous Bernoulli or Gaussian, as chosen in the settings), and the decoded view shows its mean E[x|z] (= sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) for a Bernoulli).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>following a run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch a run folder written by a PyTorch training script (python/vae_explorer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue Training…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the opened or finished model further, from where its run stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>following %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot continue training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not loaded, so there is nothing to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model or train one first: there is no run to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The run has trained %n full epoch(s), %1 steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This file holds no optimizer state (it was saved before VAE Explorer kept it): training continues with a fresh Adam optimizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train until epoch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed: %1 Training goes on; File ▸ Save Model keeps the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosaved at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An autosaved model from a session that did not close normally is kept in %1; the next start offers it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Autosave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While training, keep a recovery copy of the model: after a crash the next start offers to restore it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exploring the restored model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE Explorer did not close normally. Restore the model autosaved at %1 (step %2, %3)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE Explorer did not close normally. Restore the model autosaved at %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Autosaved Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore opens it as an unsaved model: File ▸ Continue Training carries its run on, File ▸ Save Model keeps it. Discard deletes it; Keep for Later asks again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its run came from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep for &amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery file could not be read and was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every %1 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::ManifoldTool</name>
    <message>
        <source>&amp;Manifold Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw decoded images under the latent points (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw the decoder&apos;s images on a grid under the latent points, covering the view (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Manifold Grid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prior Quantile Manifold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to see its manifold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tiles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decoder maps the whole latent plane onto images. This grid decodes z&lt;sub&gt;k&lt;/sub&gt; = Φ&lt;sup&gt;−1&lt;/sup&gt;((k − ½)/n) on each axis (Φ: the standard normal CDF), so every tile stands for the same prior probability 1/n² of p(z) = N(0, I): the tiles show where the prior puts its mass, not its empty tails. The Manifold Grid (Ctrl+M) instead decodes evenly spaced points under the latent plot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prior &amp;Quantile Manifold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded images at the prior&apos;s quantiles, Kingma &amp; Welling&apos;s Fig. 4 (Ctrl+Shift+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A panel with the decoder&apos;s images at the quantiles of the prior N(0, I) (Ctrl+Shift+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decode the manifold grid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1-D latent space is cut at (z₁, z₂): the other %2 dimensions are 0, the prior&apos;s mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latent space is 1-D: the tiles change along z₁ only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile (r, c) decodes z = (Φ⁻¹((c + ½)/n), Φ⁻¹((n − r − ½)/n)): every tile stands for an equal share of the prior N(0, I) (Kingma &amp; Welling 2014, Fig. 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifold grid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the manifold grid: the latent plot has no visible region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export: train or open a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Manifold Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Prior Quantile Manifold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifold grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the manifold grid of the visible region as a PNG, one pixel per image pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this grid as a PNG, one pixel per image pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decoded column that colours the latent plane (a table&apos;s manifold grid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour the latent plane by a decoded column (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::MigView</name>
    <message>
        <source>I(z; v) / H(v)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latent dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalised mutual information I(z_j; v_k) / H(v_k) between each latent dimension z_j (its posterior means over the test images, in %1 bins) and each known factor v_k. A disentangled code has one bright cell per row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute the MIG: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (z%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;MIG %1&lt;/b&gt; (step %2, %3 test images) · gap per factor, with the dimension that captures it most: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No latent snapshot with factors yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::PointInspector</name>
    <message>
        <source>%1 nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect one image: click a point of the latent plot to see the image, its reconstruction and its loss terms, and the test images reconstructed worst (Ctrl+Shift+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector (Ctrl+Shift+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction −E_q[log p(x|z)]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ p(z))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed form for two Gaussians (Kingma &amp; Welling 2014, appendix B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ELBO = −(reconstruction + KL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence lower bound (Kingma &amp; Welling 2014, eq. 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per image: ELBO(x) = E&lt;sub&gt;q&lt;/sub&gt;[log p&lt;sub&gt;θ&lt;/sub&gt;(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)) = −reconstruction − KL, in nats; −ELBO is an upper bound on −log p(x). A large reconstruction term means the decoder cannot redraw this image from its code; a large KL means its code sits far from the prior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst-reconstructed test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>μ = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 latent dimensions; the plot shows the first two)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector (Ctrl+Shift+I), then click to inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to inspect images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot evaluate this image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>μ = %1   σ = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= −(%1 + %2) = %3 nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction: mean over %1 draws of ε ~ N(0, I) (seed %2), z = μ + σ·ε. KL: closed form. Model at step %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--inspect: there is no test image %1 (0 to %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rank the test images: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one draw of ε per image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 draws of ε per image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks the test images by their reconstruction term once a model is there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover over a point of the latent plot to see its index, class, μ and σ; click it to inspect it here. Or pick an image from the list below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test image #%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training image #%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−log p(x|z) of the model&apos;s likelihood, summed over the example&apos;s values, averaged over draws z = μ + σ·ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top %1 of the %2 by −E_q[log p(x|z)], %3 (seed %4); model at step %5, ranked in %6 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The likelihood&apos;s means E[x|z] decoded at the posterior mean z = μ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::PosteriorTool</name>
    <message>
        <source>Posterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Posterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The true posterior p(z|x) of one image on a grid, q(z|x)&apos;s ellipses, and log p(x) = ELBO + KL(q ‖ p(z|x)) (2-D latent; Ctrl+Shift+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True posterior vs q(z|x) for the selected image (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing (Explore ▸ Draw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a point of the latent plot (or pick one in the Inspector), or use what you draw in the Draw tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom to posterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the latent plot to the grid&apos;s region (double-click the plot to fit the data again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image x whose posterior is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x) = log ∫ p(x|z) p(z) dz by quadrature over the grid (midpoint rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)] − KL(q(z|x) ‖ p(z)), the reconstruction term by Monte Carlo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ p(z|x)) = log p(x) − ELBO ≥ 0: how far the encoder&apos;s Gaussian is from the true posterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ELBO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL(q ‖ p(z|x))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−reconstruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL(q ‖ p(z))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ N(0, I)), closed form (Kingma &amp; Welling 2014, appendix B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The &lt;b&gt;true posterior&lt;/b&gt; p&lt;sub&gt;θ&lt;/sub&gt;(z|x) = p&lt;sub&gt;θ&lt;/sub&gt;(x|z) p(z) / p&lt;sub&gt;θ&lt;/sub&gt;(x) needs the evidence p&lt;sub&gt;θ&lt;/sub&gt;(x) = ∫ p&lt;sub&gt;θ&lt;/sub&gt;(x|z) p(z) dz, an integral over all of latent space: intractable in general. With a 2-D latent we can compute it on a 200 × 200 grid: the &lt;b&gt;heat map&lt;/b&gt; (brighter = more mass), with &lt;b&gt;&lt;span style=&apos;color:#e63c14&apos;&gt;orange contours&lt;/span&gt;&lt;/b&gt; holding 39 % (solid) and 86 % (dashed) of its mass.&lt;/p&gt;&lt;p&gt;The encoder instead outputs a Gaussian &lt;b&gt;q&lt;sub&gt;φ&lt;/sub&gt;(z|x)&lt;/b&gt;: its &lt;b&gt;black ellipses&lt;/b&gt; at 1σ (solid) and 2σ (dashed) hold the same 39 % and 86 % of q&apos;s mass, so the shapes compare like for like. The gap between log p(x) and the ELBO is exactly KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p&lt;sub&gt;θ&lt;/sub&gt;(z|x)): zero only if q matches the true posterior, so maximising the ELBO also pulls q towards it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Amortized inference:&lt;/b&gt; one encoder network gives q for every x in a single pass, instead of fitting a separate q per data point as the E-step of EM (or classic variational inference) would.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a point of the latent plot (or select one in the Inspector) to see its true posterior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posterior: there is no test image %1 (0 to %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to see the posterior of an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The posterior inspector needs a 2-D latent space; this model has D = %1.

The true posterior is computed on a grid of 200 points per axis, 200^D decoder calls: 40,000 for D = 2, but 8 million for D = 3 and 10^%2 for D = %1. In higher dimensions log p(x) can only be estimated, e.g. by the importance-weighted bound (Explore ▸ Importance-Weighted Bound).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit in Explore ▸ Draw to see its posterior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no image %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the posterior on a %1 × %1 grid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute the posterior: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All values in nats. The ELBO (and so KL(q ‖ p(z|x))) has a Monte-Carlo standard error of ± %1 nats: reconstruction averaged over S = %2 draws z ~ q(z|x) (seed %3). log p(x): quadrature; KL(q ‖ p(z)): closed form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check by quadrature over q&apos;s μ ± 6σ (no sampling): ELBO = %1, KL(q ‖ p(z|x)) = %2. Mass of p(z|x) outside the heat map&apos;s grid: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below 10⁻¹²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %1 grid over z₁ ∈ [%2, %3], z₂ ∈ [%4, %5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 ms; with the %3 draws and the check %4 ms in all, off the GUI thread. Model at step %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Computed in %2 ms (the grid, %3 draws and the check) off the GUI thread. Model at step %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model is an autoencoder: its encoder gives one code z = μ(x), not a distribution q(z|x), so there is no ELBO to compare with log p(x). Train a VAE (Training panel ▸ Model) to see q(z|x) next to the true posterior.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test image #%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training image #%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example x whose posterior is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)]: the model&apos;s log-likelihood summed over the example&apos;s values, mean over draws z = μ + σ·ε</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::PriorSamplesTool</name>
    <message>
        <source>prior samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prior Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model to sample from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same seed draws the same z, so the same images of one model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw new samples (the next seed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on latent &amp;plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circle each sample&apos;s (z₁, z₂) in the latent plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prior Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded draws from the prior N(0, I) (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A panel with the decoder&apos;s images of random draws z ~ N(0, I) (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The markers show z₁ and z₂ of the %1 dimensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling: z ~ p(z) = N(0, I), decoded to E[x|z], the likelihood&apos;s means. The samples look like the data because the KL term of the ELBO pulls every q&lt;sub&gt;φ&lt;/sub&gt;(z|x) towards N(0, I), so the codes of the training examples fill the prior&apos;s mass. A plain autoencoder has no such term: its codes leave holes, and z drawn there decode to blur.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 draws of z ~ N(0, I), decoded (the likelihood&apos;s means). The same seed gives the same draws.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::RateDistortionPlot</name>
    <message>
        <source>rate R = KL(q(z|x) ‖ p(z))  [nats]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distortion D = −E[log p(x|z)]  [nats]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to pan · wheel to zoom · double-click to fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−ELBO = %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Rate–distortion plane.&lt;/b&gt; Distortion &lt;nobr&gt;D = −&amp;#8288;E&lt;sub&gt;q&lt;/sub&gt;[log p(x|&amp;#8288;z)]&lt;/nobr&gt; is what the reconstructions lose; rate &lt;nobr&gt;R = KL(q(z|&amp;#8288;x) ‖ p(z))&lt;/nobr&gt; is how much information the code z carries about x, in nats. &lt;b&gt;&lt;nobr&gt;ELBO = −&amp;#8288;(D + R)&lt;/nobr&gt;&lt;/b&gt;: the dashed diagonals are lines of constant −ELBO, lower-left is better. Training moves down (better reconstructions) and usually right (more information in z). β weighs the rate: the objective is D + β·R, so β &amp;gt; 1 settles further left and higher (less rate, more distortion), β &amp;lt; 1 further right. An autoencoder has no KL term: it sits at rate 0 by definition. Points: mean of each %1 steps; circles: test set after each epoch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::RateDistortionTool</name>
    <message>
        <source>Rate–Distortion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate–Distortion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s path in the plane of rate KL(q‖p) and distortion (reconstruction), with lines of constant ELBO (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::Session</name>
    <message>
        <source>No training data: Start is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running, so %1 was not opened. Stop training first (Training ▸ Stop, Shift+F5), then open the model again; the run so far stays in the window and can be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding the test set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encode the test set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding the training set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encode the training set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1: %2 training and %3 test examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not loaded, so there is nothing to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model does not fit the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was trained on %2 (%3 values per example), but the data loaded is %4 (%5 values per example): open it with --dataset %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running, so %1 was not opened. Stop training first (Training ▸ Stop, Shift+F5), then open the dataset again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not opened: another dataset is still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1; %2 was closed: its model takes examples of another size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped loading %1; %2 stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped loading %1: there is no data to train on. Open a dataset from File ▸ Open Dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These files could not be used and were skipped (%1 in all):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files in %1 were skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot continue training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model or train one first: there is no run to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model was saved without its optimizer state: training continues with a fresh Adam optimizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 at step %2; File ▸ Continue Training carries on from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 (the weights, without the optimizer state).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot follow the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running, so %1 is not followed. Stop training first (Training ▸ Stop, Shift+F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The followed run cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Following has stopped; the last model read stays in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following %1: %2 steps logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model at step %1 (%2 behind)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last record %1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run has ended (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore the autosaved model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the autosaved model at step %1: File ▸ Continue Training carries its run on, File ▸ Save Model keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no run to copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training did not pause within %1 s (the machine is busy).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::SettingsPanel</name>
    <message>
        <source>Widths of the encoder&apos;s hidden layers, comma separated; the decoder mirrors them. Default: 512,256,256 for a 2-D latent, 512,256 otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine: the learning rate falls from its value to 0 over the run (the epochs, or the time budget when one is set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate rises linearly from 0 over this many steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training after this many seconds (pauses excluded), even if epochs remain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β (&amp;KL weight):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent &amp;dim:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hidden sizes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LR s&amp;chedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Warm-up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;budget:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β-VAE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autoencoder: z = μ, no sampling, loss = reconstruction only. VAE: β = 1. β-VAE: a VAE with β ≠ 1 (starts at β = %1). Fixed once training starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear warm-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cyclical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the KL weight follows training; may change while training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N = </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N: the length of the warm-up, or of each cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;small&gt;&lt;b&gt;Loss&lt;/b&gt; = reconstruction + β·KL(q(z|x) ‖ p(z)). VAE: β = 1 (the loss is −ELBO); β-VAE: β ≠ 1; autoencoder: z = μ, no sampling, no KL. &lt;b&gt;KL warm-up&lt;/b&gt;: linear β&lt;sub&gt;eff&lt;/sub&gt; = β·min(1, e/N), e = epochs done, lets the decoder learn to use z before the KL pulls the codes to the prior (Bowman et al. 2016); cyclical repeats the rise every N epochs (Fu et al. 2019). Changes apply from the next step and are marked on the loss plot.&lt;/small&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL sche&amp;dule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decoder&apos;s p(x|z), whose −log is the reconstruction term. Bernoulli: exact for binary data, the usual choice for grey levels (as in the literature). Continuous Bernoulli: a proper density on [0, 1] for grey levels (Loaiza-Ganem &amp; Cunningham 2019). Gaussian: real values, with a calibrated σ (Rybkin et al. 2021). Applies at the next Start; the default follows the data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model, p(x|z):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convolutional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLP: fully connected layers. Convolutional: 4×4 convolutions with stride 2, one per channel count (each halves the image), then the hidden layers; the decoder mirrors them with transposed convolutions. For images. Fixed once training starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels of the convolutional layers, comma separated, first layer first. Each layer halves the image&apos;s sides, so 28×28 images take at most 4 layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed, threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds the initial weights, the order of the examples and ε.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for training; all cores by default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a table, not images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::TileCountBox</name>
    <message>
        <source>Tiles per side of the manifold grids (%1–%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::TimelapseTool</name>
    <message>
        <source>Time-lapse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scrub through the latent space at each epoch end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow training again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decoder&apos;s images at the prior&apos;s quantiles with this epoch&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No epochs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this many frames are kept, every other one is dropped: the whole run stays covered at half the resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the manifold in exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG sequence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export animated GIF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Time-lapse as PNG Sequence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write one PNG per kept epoch into a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Time-lapse as Animated GIF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the kept epochs as an animated GIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG Sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Animated GIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIF images (*.gif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time-lapse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the latent space epoch by epoch (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A panel to scrub, replay and export the latent space at each epoch end (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 frames, %2 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No manifold for this epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1 of %2 (live)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decode the time-lapse manifold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the time-lapse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no frames yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A frame is kept at each epoch&apos;s end: the test images&apos; posterior means μ and the decoder&apos;s images at the prior&apos;s quantiles. Training maximises ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p&lt;sub&gt;θ&lt;/sub&gt;(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)): early on the KL term squeezes all codes towards N(0, I); as the reconstruction term improves, the digits separate into clusters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::ToolContext</name>
    <message>
        <source>Cannot decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>digit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::TraversalPanel</name>
    <message>
        <source>z%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From Selected Point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from the latent point last decoded in the main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From Zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from z = 0, the prior&apos;s mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per row: each dimension from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Grid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row d: z_d swept from %1 (left) to %2 (right), the other dimensions at the sliders&apos; values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traversal grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traversal changes one dimension z&lt;sub&gt;d&lt;/sub&gt; while the others stay fixed, to show what it encodes. Its share of the KL term has a closed form: KL&lt;sub&gt;d&lt;/sub&gt; = ½ (μ&lt;sub&gt;d&lt;/sub&gt;² + σ&lt;sub&gt;d&lt;/sub&gt;² − 1 − log σ&lt;sub&gt;d&lt;/sub&gt;²). A dimension with KL&lt;sub&gt;d&lt;/sub&gt; ≈ 0 for every image has q(z&lt;sub&gt;d&lt;/sub&gt;|x) = N(0, 1): it carries no information and the decoder ignores it (an inactive unit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet: train or open one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decode the grid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode: %1 ms for one image, %2 ms for the grid (%3 images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no grid to export: train or open a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Traversal Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the grid as a PNG, one pixel per image pixel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::TraversalTool</name>
    <message>
        <source>Traversal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Traversal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sliders for every latent dimension and a traversal grid (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::UnsavedWorkGuard</name>
    <message>
        <source>Training is running: closing the window stops it. Save the model trained so far before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model trained in this session has not been saved. Save it before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard stops training and closes without saving; Cancel keeps training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close VAE Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 replaces the model trained in this session, which has not been saved. Save it first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model restored from an autosave has not been saved. Save it before closing?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 replaces the model restored from an autosave, which has not been saved. Save it first?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vae::gui::WorstListModel</name>
    <message>
        <source>−E_q[log p(x|z)] in nats (the list&apos;s Monte-Carlo estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test image #%1, %2
reconstruction %3 nats, KL %4 nats, ELBO %5 nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
