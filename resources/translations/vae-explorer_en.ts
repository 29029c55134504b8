<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Train a variational autoencoder on MNIST and explore its latent space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the MNIST IDX files from &lt;dir&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
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
    <name>TileGridText</name>
    <message>
        <source>z = (%1)</source>
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
        <source>Save the strip as PNG (28 pixels per image) or PDF</source>
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
        <source>test image #%1 (digit %2)</source>
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
        <source>The model trained in this session has not been saved. Save it before restarting?</source>
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
        <source>reconstruction</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>nats per image</source>
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
        <source>Loading MNIST from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training data: Start is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1 training and %2 test images.</source>
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
        <source>Training failed</source>
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
        <source>Cannot decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training is running. Stop it before opening a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — VAE Explorer</source>
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
        <source>Saved %1</source>
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
        <source>Each dot is a test image x, placed at the mean μ of its approximate posterior q&lt;sub&gt;φ&lt;/sub&gt;(z|x) and coloured by its digit. A click picks a latent point z; the decoder gives p&lt;sub&gt;θ&lt;/sub&gt;(x|z), one Bernoulli per pixel, and the decoded image shows its means: E[x|z] = sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) ∈ [0, 1]&lt;sup&gt;784&lt;/sup&gt;.</source>
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
        <source>Save the manifold grid of the visible region as a PNG, 28 pixels per tile</source>
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
        <source>Save this grid as a PNG, 28 pixels per tile</source>
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
        <source>Bernoulli means sigmoid(decoder(μ)) of the posterior mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction −E_q[log p(x|z)]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bernoulli cross-entropy summed over the 784 pixels, averaged over draws z = μ + σ·ε</source>
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
        <source>Hover over a point of the latent plot to see its index, digit, μ and σ; click it to inspect it here. Or pick an image from the list below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test image #%1 · digit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training image #%1 · digit %2</source>
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
        <source>Top %1 of the 10,000 by −E_q[log p(x|z)], %2 (seed %3); model at step %4, ranked in %5 ms.</source>
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
        <source>%1 draws of z ~ N(0, I), decoded (Bernoulli means). The same seed gives the same draws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The markers show z₁ and z₂ of the %1 dimensions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling: z ~ p(z) = N(0, I), decoded to E[x|z], the Bernoulli means. The samples look like digits because the KL term of the ELBO pulls every q&lt;sub&gt;φ&lt;/sub&gt;(z|x) towards N(0, I), so the codes of the training images fill the prior&apos;s mass. A plain autoencoder has no such term: its codes leave holes, and z drawn there decode to blur.</source>
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
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
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
        <source>Save the grid as a PNG, 28 pixels per image</source>
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
    <name>vae::gui::WorstListModel</name>
    <message>
        <source>Test image #%1, digit %2
reconstruction %3 nats, KL %4 nats, ELBO %5 nats</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction (nats)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
