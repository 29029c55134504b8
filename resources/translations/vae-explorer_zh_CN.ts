<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Train a variational autoencoder on MNIST and explore its latent space.</source>
        <translation type="vanished">在 MNIST 上训练变分自编码器（VAE）并探索其潜在空间。</translation>
    </message>
    <message>
        <source>Read the MNIST IDX files from &lt;dir&gt;.</source>
        <translation type="vanished">从 &lt;dir&gt; 读取 MNIST IDX 文件。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <source>Open the model checkpoint &lt;file&gt; at start.</source>
        <translation>启动时打开模型检查点 &lt;file&gt;。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Start training as soon as the data is loaded.</source>
        <translation>数据加载完成后立即开始训练。</translation>
    </message>
    <message>
        <source>Train for &lt;n&gt; epochs (overrides the saved setting).</source>
        <translation>训练 &lt;n&gt; 轮（覆盖已保存的设置）。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Also show the training images in the latent plot.</source>
        <translation>在潜在空间图中同时显示训练图像。</translation>
    </message>
    <message>
        <source>Draw the manifold grid of decoded images under the latent points.</source>
        <translation>在潜在点下方绘制解码图像的流形网格。</translation>
    </message>
    <message>
        <source>Open the panel with the manifold at the prior&apos;s quantiles.</source>
        <translation>打开显示先验分位数处流形的面板。</translation>
    </message>
    <message>
        <source>Open the panel with decoded samples from the prior.</source>
        <translation>打开显示从先验解码的样本的面板。</translation>
    </message>
    <message>
        <source>Open the Inspector on test image &lt;index&gt; (0 to 9999).</source>
        <translation>打开检查器并显示测试图像 &lt;index&gt;（0 到 9999）。</translation>
    </message>
    <message>
        <source>index</source>
        <translation>index</translation>
    </message>
    <message>
        <source>Save a PNG of the window to &lt;file&gt; and quit (uses default settings).</source>
        <translation>将窗口截图保存为 PNG 文件 &lt;file&gt; 后退出（使用默认设置）。</translation>
    </message>
    <message>
        <source>Take the screenshot after &lt;seconds&gt; (default 10).</source>
        <translation>在 &lt;seconds&gt; 秒后截图（默认 10）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <source>Load the picture &lt;file&gt; into the Draw tool at start (it opens the tool).</source>
        <translation>启动时将图片 &lt;file&gt; 载入绘制工具（会打开该工具）。</translation>
    </message>
    <message>
        <source>Show the interpolation between two endpoints, each a latent point z1,z2 or a test image #N, e.g. -1,0.5:2,1 or &apos;#3:#2&apos;; add :slerp for the spherical path.</source>
        <translation>显示两个端点之间的插值，每个端点为潜在点 z1,z2 或测试图像 #N，例如 -1,0.5:2,1 或 &apos;#3:#2&apos;；加上 :slerp 使用球面路径。</translation>
    </message>
    <message>
        <source>a:b[:slerp]</source>
        <translation>a:b[:slerp]</translation>
    </message>
    <message>
        <source>Train with a &lt;n&gt;-dimensional latent space (overrides the saved setting).</source>
        <translation>使用 &lt;n&gt; 维潜在空间训练（覆盖已保存的设置）。</translation>
    </message>
    <message>
        <source>Open the Time-lapse panel.</source>
        <translation>打开延时回放面板。</translation>
    </message>
    <message>
        <source>Open the Traversal panel.</source>
        <translation>打开遍历面板。</translation>
    </message>
    <message>
        <source>Open the Latent Dimensions panel (KL per dimension).</source>
        <translation>打开潜在维度面板（每个维度的 KL）。</translation>
    </message>
    <message>
        <source>Latent plot plane for D &gt; 2: &quot;pca&quot;, or two dimensions &quot;X,Y&quot; counted from 1.</source>
        <translation>D &gt; 2 时潜在空间图的平面：&quot;pca&quot;，或两个维度 &quot;X,Y&quot;（从 1 开始计数）。</translation>
    </message>
    <message>
        <source>plane</source>
        <translation>plane</translation>
    </message>
    <message>
        <source>User interface language for this run: en or zh_CN (overrides View ▸ Language and the system locale).</source>
        <translation>本次运行的界面语言：en 或 zh_CN（覆盖“视图 ▸ 语言”和系统区域设置）。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>A model checkpoint to open (same as --open).</source>
        <translation>要打开的模型检查点（同 --open）。</translation>
    </message>
    <message>
        <source>Give at most one checkpoint to open.</source>
        <translation>最多只能指定一个要打开的检查点。</translation>
    </message>
    <message>
        <source>--epochs needs a whole number of at least 1, not &quot;%1&quot;.</source>
        <translation>--epochs 需要不小于 1 的整数，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--latent-dim needs a whole number of at least 1, not &quot;%1&quot;.</source>
        <translation>--latent-dim 需要不小于 1 的整数，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--projection needs &quot;pca&quot; or two dimensions &quot;X,Y&quot; (from 1), not &quot;%1&quot;.</source>
        <translation>--projection 需要 &quot;pca&quot; 或两个维度 &quot;X,Y&quot;（从 1 开始），而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--inspect needs a test image index of at least 0, not &quot;%1&quot;.</source>
        <translation>--inspect 需要不小于 0 的测试图像索引，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--screenshot-after needs a number of seconds ≥ 0, not &quot;%1&quot;.</source>
        <translation>--screenshot-after 需要 ≥ 0 的秒数，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--screenshot-after needs --screenshot FILE.</source>
        <translation>--screenshot-after 需要同时指定 --screenshot FILE。</translation>
    </message>
    <message>
        <source>--interpolate needs two endpoints A:B, each z1,z2 or #N (a test image), optionally followed by :slerp, not &quot;%1&quot;.</source>
        <translation>--interpolate 需要两个端点 A:B，每个为 z1,z2 或 #N（测试图像），后面可加 :slerp，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--language needs en or zh_CN, not &quot;%1&quot;.</source>
        <translation>--language 需要 en 或 zh_CN，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>Open the Posterior panel on test image &lt;index&gt; (2-D latent).</source>
        <translation>打开测试图像 &lt;index&gt; 的后验面板（二维潜在空间）。</translation>
    </message>
    <message>
        <source>Open the Importance-Weighted Bound panel and compute it once a model is there and not training.</source>
        <translation>打开重要性加权下界面板，并在模型就绪且未在训练时计算。</translation>
    </message>
    <message>
        <source>Open the Gradient Estimators panel (reparameterization vs score function).</source>
        <translation>打开梯度估计器面板（重参数化与得分函数对比）。</translation>
    </message>
    <message>
        <source>Train the models of &lt;preset&gt; side by side from the same seed: ae-vae (autoencoder vs VAE), beta (VAE β = 1 vs 4) or beta-sweep (β = 0.5 / 1 / 4).</source>
        <translation>用同一种子并排训练 &lt;preset&gt; 中的模型：ae-vae（自编码器与 VAE）、beta（VAE β = 1 与 4）或 beta-sweep（β = 0.5 / 1 / 4）。</translation>
    </message>
    <message>
        <source>preset</source>
        <translation>preset</translation>
    </message>
    <message>
        <source>Open the Rate–Distortion panel (KL vs reconstruction while training).</source>
        <translation>打开率–失真面板（训练过程中的 KL 与重构）。</translation>
    </message>
    <message>
        <source>--posterior needs a test image index of at least 0, not &quot;%1&quot;.</source>
        <translation>--posterior 需要不小于 0 的测试图像索引，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--compare needs one of %1, not &quot;%2&quot;.</source>
        <translation>--compare 需要 %1 之一，而不是 &quot;%2&quot;。</translation>
    </message>
    <message>
        <source>Train a variational autoencoder and explore its latent space.</source>
        <translation>训练变分自编码器并探索其潜空间。</translation>
    </message>
    <message>
        <source>Train on &lt;name&gt;: mnist (the default), fashion-mnist, binarized-mnist:dynamic or binarized-mnist:static.</source>
        <translation type="vanished">在 &lt;name&gt; 上训练：mnist（默认）、fashion-mnist、binarized-mnist:dynamic 或 binarized-mnist:static。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Read the dataset&apos;s IDX files from &lt;dir&gt;.</source>
        <translation>从 &lt;dir&gt; 读取数据集的 IDX 文件。</translation>
    </message>
    <message>
        <source>--dataset: unknown dataset &quot;%1&quot;; expected one of %2</source>
        <translation>--dataset：未知数据集“%1”；应为以下之一：%2</translation>
    </message>
    <message>
        <source>Train on &lt;name&gt;: mnist (the default), fashion-mnist, binarized-mnist:dynamic, binarized-mnist:static or shapes.</source>
        <translation type="vanished">在 &lt;name&gt; 上训练：mnist（默认）、fashion-mnist、binarized-mnist:dynamic、binarized-mnist:static 或 shapes。</translation>
    </message>
    <message>
        <source>Train on &lt;name&gt;: mnist (the default), fashion-mnist, binarized-mnist:dynamic, binarized-mnist:static, shapes, or your own folder:PATH[:size=N], csv:PATH[:label=COLUMN] or npy:PATH.</source>
        <translation>在 &lt;name&gt; 上训练：mnist（默认）、fashion-mnist、binarized-mnist:dynamic、binarized-mnist:static、shapes，或你自己的 folder:PATH[:size=N]、csv:PATH[:label=COLUMN] 或 npy:PATH。</translation>
    </message>
    <message>
        <source>--dataset: %1</source>
        <translation>--dataset：%1</translation>
    </message>
    <message>
        <source>Colour the latent plot by &lt;factor&gt;: &quot;class&quot; or, for data with known factors (shapes), a factor&apos;s name such as &quot;scale&quot; or &quot;position x&quot;.</source>
        <translation>按 &lt;factor&gt; 为潜在图着色：&quot;class&quot;（类别），或对有已知因子的数据（shapes），因子名如 &quot;scale&quot; 或 &quot;position x&quot;。</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>Continue training the opened model once the data is loaded, until epoch --epochs.</source>
        <translation>数据加载后继续训练已打开的模型，直到第 --epochs 轮。</translation>
    </message>
    <message>
        <source>Follow the run folder &lt;dir&gt; that a PyTorch script writes (File ▸ Follow Run).</source>
        <translation>跟踪 PyTorch 脚本写入的训练文件夹 &lt;dir&gt;（文件 ▸ 跟踪训练）。</translation>
    </message>
    <message>
        <source>--continue needs a model to continue: give --open FILE.</source>
        <translation>--continue 需要一个要继续的模型：请给出 --open FILE。</translation>
    </message>
    <message>
        <source>--continue and --train cannot be combined: --train starts a new run.</source>
        <translation>--continue 与 --train 不能同时使用：--train 会开始新的训练。</translation>
    </message>
    <message>
        <source>Train an &quot;mlp&quot; or a &quot;conv&quot; (convolutional) model, with the channels of the settings (overrides the saved setting).</source>
        <translation>训练 &quot;mlp&quot; 或 &quot;conv&quot;（卷积）模型，通道数取设置中的值（覆盖已保存的设置）。</translation>
    </message>
    <message>
        <source>--architecture must be &quot;mlp&quot; or &quot;conv&quot;, not &quot;%1&quot;.</source>
        <translation>--architecture 必须是 &quot;mlp&quot; 或 &quot;conv&quot;，而不是 &quot;%1&quot;。</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <source>VAE (β = %1)</source>
        <translation>VAE（β = %1）</translation>
    </message>
    <message>
        <source>β-VAE (β = %1)</source>
        <translation>β-VAE（β = %1）</translation>
    </message>
</context>
<context>
    <name>GifWriter</name>
    <message>
        <source>There are no frames to write.</source>
        <translation>没有可写入的帧。</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1 (%2): %3</source>
        <translation>无法写入 %1（%2）：%3</translation>
    </message>
    <message>
        <source>screen</source>
        <translation>屏幕描述</translation>
    </message>
    <message>
        <source>loop extension</source>
        <translation>循环扩展</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>Cannot finish %1: %2</source>
        <translation>无法完成 %1：%2</translation>
    </message>
</context>
<context>
    <name>LatentProjection</name>
    <message>
        <source>PC %1 (%2% of variance)</source>
        <translation>主成分 %1（方差的 %2%）</translation>
    </message>
</context>
<context>
    <name>LikelihoodText</name>
    <message>
        <source>Bernoulli</source>
        <translation>伯努利</translation>
    </message>
    <message>
        <source>continuous Bernoulli</source>
        <translation>连续伯努利</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>The %1 likelihood needs values in [0, 1], but %2 holds real numbers (standardised columns): use the Gaussian.</source>
        <translation>%1似然要求取值在 [0, 1] 内，但 %2 是实数（标准化后的列）：请使用高斯似然。</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot write in the folder %1.</source>
        <translation>无法写入文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot lock %1.</source>
        <translation>无法锁定 %1。</translation>
    </message>
    <message>
        <source>Cannot rename %1.</source>
        <translation>无法重命名 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TileGridText</name>
    <message>
        <source>z = (%1)</source>
        <translation>z = (%1)</translation>
    </message>
</context>
<context>
    <name>vae::gui::ComparisonDialog</name>
    <message>
        <source>Compare Models</source>
        <translation>模型对比</translation>
    </message>
    <message>
        <source>Trains two or three models at once, side by side, from the &lt;b&gt;same seed&lt;/b&gt;: the same initial weights, the same batches in the same order. They differ only in their objective, so what you see differ is what the objective does.</source>
        <translation>用&lt;b&gt;同一种子&lt;/b&gt;同时并排训练两个或三个模型：相同的初始权重、相同顺序的相同批次。它们只在目标函数上不同，因此你看到的差异正是目标函数的作用。</translation>
    </message>
    <message>
        <source>Autoencoder vs VAE</source>
        <translation>自编码器与 VAE</translation>
    </message>
    <message>
        <source>VAE β = 1 vs β = 4</source>
        <translation>VAE β = 1 与 β = 4</translation>
    </message>
    <message>
        <source>β = 0.5 / 1 / 4</source>
        <translation>β = 0.5 / 1 / 4</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>β (weight of the KL term)</source>
        <translation>β（KL 项的权重）</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>β-VAE</source>
        <translation>β-VAE</translation>
    </message>
    <message>
        <source>Autoencoder: z = μ(x), no sampling, no KL term. VAE: reconstruction + KL. β-VAE: reconstruction + β·KL.</source>
        <translation>自编码器：z = μ(x)，不采样，没有 KL 项。VAE：重构 + KL。β-VAE：重构 + β·KL。</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>One seed for all models: same initial weights, same batches, same ε</source>
        <translation>所有模型使用同一种子：相同的初始权重、相同的批次、相同的 ε</translation>
    </message>
    <message>
        <source>&amp;Seed (all models):</source>
        <translation>种子（所有模型）(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Train and Compare</source>
        <translation>训练并对比(&amp;T)</translation>
    </message>
    <message>
        <source>The %1 models share the %2 cores: %3 thread(s) each. The other settings (latent dimension, layers, learning rate) come from the Training panel.</source>
        <translation>%1 个模型共享 %2 个核心：每个 %3 个线程。其他设置（潜在维度、网络层、学习率）取自训练面板。</translation>
    </message>
</context>
<context>
    <name>vae::gui::ComparisonTool</name>
    <message>
        <source>&amp;Compare Models…</source>
        <translation>模型对比(&amp;C)…</translation>
    </message>
    <message>
        <source>Train an autoencoder and a VAE (or VAEs with different β) side by side from the same seed (Ctrl+Shift+C)</source>
        <translation>用同一种子并排训练一个自编码器和一个 VAE（或不同 β 的 VAE）（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Cannot compare models</source>
        <translation>无法对比模型</translation>
    </message>
    <message>
        <source>The MNIST data is not loaded, so there is nothing to train on.</source>
        <translation>MNIST 数据尚未加载，没有可训练的数据。</translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation>设置无效</translation>
    </message>
</context>
<context>
    <name>vae::gui::ComparisonWindow</name>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>&lt;b&gt;Autoencoder&lt;/b&gt;: z = μ(x), no noise, no KL term. Nothing pulls the codes towards the prior p(z) = N(0, I): they spread far beyond it, in arms with holes between them. Samples z ~ N(0, I) (the dashed circle) fall where a few arms meet and into the gaps, where the decoder never trained: blends and smudges, not the variety of the data.</source>
        <translation>&lt;b&gt;自编码器&lt;/b&gt;：z = μ(x)，没有噪声，没有 KL 项。没有任何力量把编码拉向先验 p(z) = N(0, I)：它们散布得远远超出先验，形成一条条“臂”，臂之间留有空洞。样本 z ~ N(0, I)（虚线圆）落在几条臂交汇处和空洞里，而解码器从未在那里训练过：得到的是混合和模糊的图像，而不是数据的多样性。</translation>
    </message>
    <message>
        <source>&lt;b&gt;β = %1 &amp;gt; 1&lt;/b&gt; weighs the KL term (the rate) more: the codes are pressed closer to N(0, I) and carry less information about x — blurrier reconstructions, a smoother latent space; less rate, more distortion.</source>
        <translation>&lt;b&gt;β = %1 &amp;gt; 1&lt;/b&gt; 加大 KL 项（率）的权重：编码被压得更靠近 N(0, I)，携带的关于 x 的信息更少——重构更模糊，潜在空间更平滑；率更低，失真更高。</translation>
    </message>
    <message>
        <source>&lt;b&gt;β = %1 &amp;lt; 1&lt;/b&gt; weighs the KL term less: z carries more information (more rate, less distortion), reconstructions are sharper, and the latent space is less like N(0, I) — it drifts towards the autoencoder&apos;s.</source>
        <translation>&lt;b&gt;β = %1 &amp;lt; 1&lt;/b&gt; 减小 KL 项的权重：z 携带更多信息（率更高，失真更低），重构更清晰，而潜在空间不那么像 N(0, I)——它向自编码器的潜在空间靠拢。</translation>
    </message>
    <message>
        <source>&lt;b&gt;VAE&lt;/b&gt;: z ~ q(z|x) = N(μ, σ²), and the KL term pulls each q(z|x) towards p(z) = N(0, I). The codes fill the dashed circle the prior samples come from, without holes, so the samples decode to digits of every class.&lt;br&gt;ELBO = −&amp;#8288;(reconstruction + KL).</source>
        <translation>&lt;b&gt;VAE&lt;/b&gt;：z ~ q(z|x) = N(μ, σ²)，KL 项把每个 q(z|x) 拉向 p(z) = N(0, I)。编码填满先验样本所在的虚线圆，没有空洞，因此样本能解码成各个类别的数字。&lt;br&gt;ELBO = −&amp;#8288;(重构 + KL)。</translation>
    </message>
    <message>
        <source>Compare Models — VAE Explorer</source>
        <translation>模型对比 — VAE Explorer</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Train all models at once (F5)</source>
        <translation>同时训练所有模型（F5）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume all models (F6)</source>
        <translation>暂停或继续所有模型（F6）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop all models; they stay explorable (Shift+F5)</source>
        <translation>停止所有模型；它们仍可继续探索（Shift+F5）</translation>
    </message>
    <message>
        <source>&amp;Resample</source>
        <translation>重新采样(&amp;R)</translation>
    </message>
    <message>
        <source>New prior samples z ~ N(0, I): the same draws for every model (F7)</source>
        <translation>新的先验样本 z ~ N(0, I)：每个模型使用相同的抽样（F7）</translation>
    </message>
    <message>
        <source>Same &amp;Axes</source>
        <translation>相同坐标轴(&amp;A)</translation>
    </message>
    <message>
        <source>The latent planes share their axis ranges, so the same z sits at the same place in every pane</source>
        <translation>各潜在平面共享坐标轴范围，因此同一个 z 在每个窗格中位于同一位置</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>  Same seed, same batches: the models differ only in their objective. Click or drag in any latent plane to decode that z in all of them.</source>
        <translation>  同一种子、相同批次：模型只在目标函数上不同。在任一潜在平面中点击或拖动，即可在所有模型中解码该 z。</translation>
    </message>
    <message>
        <source>Left button: decode this z in every pane · wheel: zoom · right drag: pan · double-click: fit. The dashed circle holds 95% of the prior p(z) = N(0, I): where the samples come from.</source>
        <translation>左键：在每个窗格中解码此 z · 滚轮：缩放 · 右键拖动：平移 · 双击：适应视图。虚线圆包含先验 p(z) = N(0, I) 的 95%：样本就从这里抽取。</translation>
    </message>
    <message>
        <source>95% of p(z)</source>
        <translation>p(z) 的 95%</translation>
    </message>
    <message>
        <source>Decoded at the marked z:</source>
        <translation>在标记的 z 处解码：</translation>
    </message>
    <message>
        <source>Prior samples z ~ N(0, I):</source>
        <translation>先验样本 z ~ N(0, I)：</translation>
    </message>
    <message>
        <source>Rate–distortion plane</source>
        <translation>率–失真平面</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>test after epoch %1: reconstruction &lt;b&gt;%2&lt;/b&gt; nats · KL %3 (no KL term)</source>
        <translation>第 %1 轮后的测试：重构 &lt;b&gt;%2&lt;/b&gt; 奈特 · KL %3（无 KL 项）</translation>
    </message>
    <message>
        <source>test after epoch %1: ELBO &lt;b&gt;%2&lt;/b&gt; = −(reconstruction %3 + KL %4) nats</source>
        <translation>第 %1 轮后的测试：ELBO &lt;b&gt;%2&lt;/b&gt; = −(重构 %3 + KL %4) 奈特</translation>
    </message>
    <message>
        <source>test ELBO: after the first epoch</source>
        <translation>测试 ELBO：第一轮之后</translation>
    </message>
    <message>
        <source>training now: reconstruction %1 · KL %2 nats · epoch %3 · %4</source>
        <translation>当前训练：重构 %1 · KL %2 奈特 · 第 %3 轮 · %4</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
</context>
<context>
    <name>vae::gui::DataLoadIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading: the data and the model you have now stay as they are.</source>
        <translation>停止加载：当前的数据和模型保持不变。</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 / %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
</context>
<context>
    <name>vae::gui::DecodedView</name>
    <message>
        <source>Click the latent plot to decode a point.</source>
        <translation>点击潜在图以解码一个点。</translation>
    </message>
    <message>
        <source>z = (%1)</source>
        <translation>z = (%1)</translation>
    </message>
</context>
<context>
    <name>vae::gui::DimensionsPanel</name>
    <message>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>不活跃</translation>
    </message>
    <message>
        <source>latent dimension</source>
        <translation>潜在维度</translation>
    </message>
    <message>
        <source>KL (nats)</source>
        <translation>KL（奈特）</translation>
    </message>
    <message>
        <source>Mean over the test images of KL(q(z_d|x) ‖ N(0, 1)) for each latent dimension d, in nats. A unit is active when it exceeds %1 nats.</source>
        <translation>每个潜在维度 d 的 KL(q(z_d|x) ‖ N(0, 1)) 在测试图像上的平均值，单位为奈特。超过 %1 奈特的单元为活跃单元。</translation>
    </message>
    <message>
        <source>No latent snapshot yet.</source>
        <translation>尚无潜在快照。</translation>
    </message>
    <message>
        <source>Two dimensions</source>
        <translation>两个维度</translation>
    </message>
    <message>
        <source>PCA of the means</source>
        <translation>均值的主成分分析（PCA）</translation>
    </message>
    <message>
        <source>Other dimensions from the nearest point</source>
        <translation>其他维度取自最近的点</translation>
    </message>
    <message>
        <source>When a point is picked on the latent plot, take the dimensions the plot does not show from the μ of the nearest test image; unchecked, they are 0 (the prior&apos;s mean)</source>
        <translation>在潜在空间图上选取一个点时，图中未显示的维度取自最近测试图像的 μ；不勾选时这些维度为 0（先验的均值）</translation>
    </message>
    <message>
        <source>Latent plot (D &gt; 2)</source>
        <translation>潜在空间图（D &gt; 2）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>vertical:</source>
        <translation>纵轴：</translation>
    </message>
    <message>
        <source>Horizontal:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ p(z)) = Σ&lt;sub&gt;d&lt;/sub&gt; ½ (μ&lt;sub&gt;d&lt;/sub&gt;² + σ&lt;sub&gt;d&lt;/sub&gt;² − 1 − log σ&lt;sub&gt;d&lt;/sub&gt;²) in closed form for a diagonal Gaussian and p(z) = N(0, I); the bars average each term over the test images. Active units (KL&lt;sub&gt;d&lt;/sub&gt; above the threshold) carry information about x; the others have collapsed to the prior, the price the ELBO&apos;s KL term asks for unused dimensions.</source>
        <translation>对角高斯分布与 p(z) = N(0, I) 之间的 KL 散度有闭式解：KL(q(z|x) ‖ p(z)) = Σ&lt;sub&gt;d&lt;/sub&gt; ½ (μ&lt;sub&gt;d&lt;/sub&gt;² + σ&lt;sub&gt;d&lt;/sub&gt;² − 1 − log σ&lt;sub&gt;d&lt;/sub&gt;²)；柱形图是每一项在测试图像上的平均值。活跃单元（KL&lt;sub&gt;d&lt;/sub&gt; 高于阈值）携带关于 x 的信息；其余维度已坍缩为先验——这是 ELBO 的 KL 项对未使用维度的要求。</translation>
    </message>
    <message>
        <source>Cannot compute the KL: %1</source>
        <translation>无法计算 KL：%1</translation>
    </message>
    <message>
        <source>Active units: %1 of %2 (KL &gt; %3 nats) · total KL %4 nats (step %5)</source>
        <translation>活跃单元：%1 / %2（KL &gt; %3 奈特）· 总 KL %4 奈特（第 %5 步）</translation>
    </message>
    <message>
        <source>An autoencoder has no KL term: its codes z = μ(x) are not distributions, so there is no KL per dimension.</source>
        <translation>自编码器没有 KL 项：它的编码 z = μ(x) 不是分布，因此没有逐维 KL。</translation>
    </message>
    <message>
        <source>Known factors: mutual information gap</source>
        <translation>已知因子：互信息差（MIG）</translation>
    </message>
    <message>
        <source>MIG = (1/K) Σ&lt;sub&gt;k&lt;/sub&gt; [I(z&lt;sub&gt;j(k)&lt;/sub&gt;; v&lt;sub&gt;k&lt;/sub&gt;) − max&lt;sub&gt;j ≠ j(k)&lt;/sub&gt; I(z&lt;sub&gt;j&lt;/sub&gt;; v&lt;sub&gt;k&lt;/sub&gt;)] / H(v&lt;sub&gt;k&lt;/sub&gt;) (Chen et al. 2018): for each factor v&lt;sub&gt;k&lt;/sub&gt;, how much more the best dimension z&lt;sub&gt;j(k)&lt;/sub&gt; knows about it than the runner-up. 1 when each factor lives in one dimension alone; raising β usually raises it.</source>
        <translation>MIG = (1/K) Σ&lt;sub&gt;k&lt;/sub&gt; [I(z&lt;sub&gt;j(k)&lt;/sub&gt;; v&lt;sub&gt;k&lt;/sub&gt;) − max&lt;sub&gt;j ≠ j(k)&lt;/sub&gt; I(z&lt;sub&gt;j&lt;/sub&gt;; v&lt;sub&gt;k&lt;/sub&gt;)] / H(v&lt;sub&gt;k&lt;/sub&gt;)（Chen 等 2018）：对每个因子 v&lt;sub&gt;k&lt;/sub&gt;，最相关的维度 z&lt;sub&gt;j(k)&lt;/sub&gt; 比次相关的维度多知道多少。每个因子只由一个维度承载时为 1；提高 β 通常会使它上升。</translation>
    </message>
</context>
<context>
    <name>vae::gui::DimensionsTool</name>
    <message>
        <source>Latent Dimensions</source>
        <translation>潜在维度</translation>
    </message>
    <message>
        <source>Latent &amp;Dimensions</source>
        <translation>潜在维度(&amp;D)</translation>
    </message>
    <message>
        <source>KL per latent dimension, active units, and which plane the latent plot shows (Ctrl+K)</source>
        <translation>每个潜在维度的 KL、活跃单元，以及潜在空间图显示的平面（Ctrl+K）</translation>
    </message>
</context>
<context>
    <name>vae::gui::DrawPad</name>
    <message>
        <source>Draw with the left mouse button, erase with the right one.
Drop an image file here to load it.</source>
        <translation>按住鼠标左键绘制，右键擦除。
将图像文件拖放到此处即可载入。</translation>
    </message>
</context>
<context>
    <name>vae::gui::DrawTool</name>
    <message>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Brush diameter in image pixels</source>
        <translation>画笔直径（以图像像素计）</translation>
    </message>
    <message>
        <source>&amp;Brush:</source>
        <translation>画笔(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Load image…</source>
        <translation>载入图像(&amp;L)…</translation>
    </message>
    <message>
        <source>Load a picture of a digit (PNG, JPEG, …); it is converted to MNIST style. You can also drop an image file on the pad.</source>
        <translation>载入一张数字图片（PNG、JPEG 等），它会被转换为 MNIST 风格。也可以将图像文件拖放到画板上。</translation>
    </message>
    <message>
        <source>Reconstruction:</source>
        <translation>重构：</translation>
    </message>
    <message>
        <source>The encoder turns your drawing x into q&lt;sub&gt;φ&lt;/sub&gt;(z|x) = N(μ, diag σ²). On the latent plot the cross is μ and the ellipses are its 1σ and 2σ contours (μ&lt;sub&gt;d&lt;/sub&gt; ± σ&lt;sub&gt;d&lt;/sub&gt; along each axis); the reconstruction decodes z = μ. In training z = μ + σ ⊙ ε with ε ~ N(0, I), the reparameterization trick, so that gradients reach μ and σ.</source>
        <translation>编码器把你画的 x 变成 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) = N(μ, diag σ²)。在潜在空间图上，十字是 μ，椭圆是 1σ 和 2σ 等高线（每个轴上 μ&lt;sub&gt;d&lt;/sub&gt; ± σ&lt;sub&gt;d&lt;/sub&gt;）；重构图像解码的是 z = μ。训练时 z = μ + σ ⊙ ε，ε ~ N(0, I)，这就是重参数化技巧，使梯度能够传到 μ 和 σ。</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>绘制(&amp;D)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Draw a digit or load an image and see where the encoder puts it</source>
        <translation>绘制一个数字或载入图像，查看编码器把它放在哪里</translation>
    </message>
    <message>
        <source>Draw a digit and see its posterior in the latent plot (%1)</source>
        <translation>绘制一个数字，并在潜在空间图中查看它的后验（%1）</translation>
    </message>
    <message>
        <source>Draw a digit on the pad.</source>
        <translation>在画板上绘制一个数字。</translation>
    </message>
    <message>
        <source>Train or open a model to encode the drawing.</source>
        <translation>请先训练或打开一个模型，以便对绘图进行编码。</translation>
    </message>
    <message>
        <source>μ = (%1)
σ = (%2)</source>
        <translation>μ = (%1)
σ = (%2)</translation>
    </message>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>无法载入 %1：%2</translation>
    </message>
    <message>
        <source>Loaded %1 as an MNIST-style digit</source>
        <translation>已将 %1 载入为 MNIST 风格的数字</translation>
    </message>
    <message>
        <source>Load image</source>
        <translation>载入图像</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The pad draws %1×%1 grey images; this model&apos;s examples are %2×%3 with %4 channel(s).</source>
        <translation>画板绘制 %1×%1 的灰度图像；此模型的样本为 %2×%3，%4 个通道。</translation>
    </message>
    <message>
        <source>Cannot load %1: the data is a table, there is nothing to draw.</source>
        <translation>无法加载 %1：数据是表格，没有可绘制的内容。</translation>
    </message>
</context>
<context>
    <name>vae::gui::FeatureProfile</name>
    <message>
        <source>Standardised</source>
        <translation>标准化</translation>
    </message>
    <message>
        <source>Show each column in standard deviations from its training mean, (x − mean) / sd, so that columns of large units do not dwarf the others</source>
        <translation>以偏离训练均值的标准差数显示每一列，(x − 均值) / 标准差，使数值单位大的列不会压过其他列</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>z-score</source>
        <translation>z 分数</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 examples: %2 to %3, mean %4</source>
        <translation>%1 个样本：%2 至 %3，均值 %4</translation>
    </message>
</context>
<context>
    <name>vae::gui::GradientPanel</name>
    <message>
        <source>&lt;p&gt;Two ways to estimate the gradient of the ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)) with respect to the encoder&apos;s parameters φ, each from one draw ε ~ N(0, I) per image (the KL term is exact in both):&lt;/p&gt;&lt;p&gt;&lt;b&gt;Reparameterization&lt;/b&gt; (pathwise): z = μ&lt;sub&gt;φ&lt;/sub&gt;(x) + σ&lt;sub&gt;φ&lt;/sub&gt;(x) ⊙ ε, ĝ = ∇&lt;sub&gt;φ&lt;/sub&gt; log p(x | μ&lt;sub&gt;φ&lt;/sub&gt;(x) + σ&lt;sub&gt;φ&lt;/sub&gt;(x) ⊙ ε): backpropagate through the decoder to z.&lt;br&gt;&lt;b&gt;Score function&lt;/b&gt; (REINFORCE): ĝ = log p(x|z) · ∇&lt;sub&gt;φ&lt;/sub&gt; log q&lt;sub&gt;φ&lt;/sub&gt;(z|x), with z held fixed.&lt;/p&gt;&lt;p&gt;Both average to the same gradient. The score function learns only how good z was — one number, log p(x|z), hundreds of nats below zero — and multiplies a noisy direction of zero mean by it. The reparameterization estimator uses the decoder&apos;s slope ∂log p/∂z: it knows which way to move z, and its noise comes only from where ε put z. A baseline b (the mean of log p(x|z) over the other draws) subtracted from log p(x|z) keeps the score function unbiased and removes part of its variance.&lt;/p&gt;&lt;p&gt;Bars: the total variance (summed over φ&apos;s coordinates) of one draw&apos;s estimate, measured over M draws, log scale; whiskers ± one standard error.&lt;/p&gt;</source>
        <translation>&lt;p&gt;估计 ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)) 对编码器参数 φ 的梯度的两种方法，每张图像各用一次抽样 ε ~ N(0, I)（两者的 KL 项都是精确的）：&lt;/p&gt;&lt;p&gt;&lt;b&gt;重参数化&lt;/b&gt;（路径导数）：z = μ&lt;sub&gt;φ&lt;/sub&gt;(x) + σ&lt;sub&gt;φ&lt;/sub&gt;(x) ⊙ ε，ĝ = ∇&lt;sub&gt;φ&lt;/sub&gt; log p(x | μ&lt;sub&gt;φ&lt;/sub&gt;(x) + σ&lt;sub&gt;φ&lt;/sub&gt;(x) ⊙ ε)：经过解码器反向传播到 z。&lt;br&gt;&lt;b&gt;得分函数&lt;/b&gt;（REINFORCE）：ĝ = log p(x|z) · ∇&lt;sub&gt;φ&lt;/sub&gt; log q&lt;sub&gt;φ&lt;/sub&gt;(z|x)，z 保持不变。&lt;/p&gt;&lt;p&gt;两者的期望是同一个梯度。得分函数只知道 z 有多好——一个数 log p(x|z)，比零低几百奈特——并用它去乘一个均值为零的带噪声方向。重参数化估计器利用解码器的斜率 ∂log p/∂z：它知道 z 该往哪个方向移动，其噪声只来自 ε 把 z 放在了哪里。从 log p(x|z) 中减去基线 b（其他抽样的 log p(x|z) 均值）可使得分函数保持无偏，并消除部分方差。&lt;/p&gt;&lt;p&gt;柱形：单次抽样估计的总方差（对 φ 的各坐标求和），在 M 次抽样上测得，对数坐标；误差线为 ± 一个标准误。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>total variance of one draw&apos;s gradient</source>
        <translation>单次抽样梯度的总方差</translation>
    </message>
    <message>
        <source>reparameterization</source>
        <translation>重参数化</translation>
    </message>
    <message>
        <source>score function</source>
        <translation>得分函数</translation>
    </message>
    <message>
        <source>score fn. + baseline</source>
        <translation>得分函数 + 基线</translation>
    </message>
    <message>
        <source>The batch: the first n test images</source>
        <translation>批次：前 n 张测试图像</translation>
    </message>
    <message>
        <source>Single-sample gradient estimates per estimator: each costs a backward pass through the encoder</source>
        <translation>每个估计器的单样本梯度估计次数：每次需要对编码器做一次反向传播</translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>Compute again with the newest model</source>
        <translation>用最新的模型再次计算</translation>
    </message>
    <message>
        <source>&amp;Images n:</source>
        <translation>图像数 n(&amp;I)：</translation>
    </message>
    <message>
        <source>D&amp;raws M:</source>
        <translation>抽样数 M(&amp;R)：</translation>
    </message>
    <message>
        <source>Train or open a model to compare the estimators.</source>
        <translation>请先训练或打开一个模型以比较估计器。</translation>
    </message>
    <message>
        <source>Computing %1 draws per estimator…</source>
        <translation>正在为每个估计器计算 %1 次抽样…</translation>
    </message>
    <message>
        <source>Cannot compare the gradient estimators: %1</source>
        <translation>无法比较梯度估计器：%1</translation>
    </message>
    <message>
        <source>Score function / reparameterization variance: &lt;b&gt;%1×&lt;/b&gt; (± %2)</source>
        <translation>得分函数 / 重参数化的方差之比：&lt;b&gt;%1×&lt;/b&gt;（± %2）</translation>
    </message>
    <message>
        <source>with the baseline: %1×</source>
        <translation>加上基线：%1×</translation>
    </message>
    <message>
        <source>Variance: reparameterization %1 ± %2, score function %3 ± %4. ‖mean gradient‖: %5 and %6 (± %7 and %8). n = %9 test images, M = %10 draws, %11 encoder parameters, step %12, ELBO %13 nats per image; computed in %14 s.</source>
        <translation>方差：重参数化 %1 ± %2，得分函数 %3 ± %4。‖平均梯度‖：%5 和 %6（± %7 和 %8）。n = %9 张测试图像，M = %10 次抽样，%11 个编码器参数，第 %12 步，每张图像 ELBO %13 奈特；用时 %14 秒。</translation>
    </message>
    <message>
        <source>Computed in %1 ms.</source>
        <translation>用时 %1 毫秒。</translation>
    </message>
</context>
<context>
    <name>vae::gui::GradientTool</name>
    <message>
        <source>Gradient Estimators</source>
        <translation>梯度估计器</translation>
    </message>
    <message>
        <source>&amp;Gradient Estimators</source>
        <translation>梯度估计器(&amp;G)</translation>
    </message>
    <message>
        <source>Variance of the reparameterization and score-function gradient estimators for a batch of test images (Ctrl+G)</source>
        <translation>对一批测试图像比较重参数化与得分函数梯度估计器的方差（Ctrl+G）</translation>
    </message>
</context>
<context>
    <name>vae::gui::HistoryCsv</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>vae::gui::InterpolationStrip</name>
    <message>
        <source>t = %1
z = (%2)</source>
        <translation>t = %1
z = (%2)</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
</context>
<context>
    <name>vae::gui::InterpolationTool</name>
    <message>
        <source> · Shift+click: interpolation endpoint</source>
        <translation> · Shift+点击：插值端点</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Spherical (slerp)</source>
        <translation>球面（slerp）</translation>
    </message>
    <message>
        <source>Linear: the straight line from A to B.
Spherical: the great-circle arc (Shoemake 1985), which keeps the distance from the origin where the prior&apos;s mass is (White 2016).</source>
        <translation>线性：从 A 到 B 的直线。
球面：大圆弧（Shoemake 1985），保持与原点的距离在先验质量所在之处（White 2016）。</translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation>路径(&amp;P)：</translation>
    </message>
    <message>
        <source>Images in the strip, A and B included</source>
        <translation>条带中的图像数，包括 A 和 B</translation>
    </message>
    <message>
        <source>&amp;Images:</source>
        <translation>图像数(&amp;I)：</translation>
    </message>
    <message>
        <source>S&amp;wap</source>
        <translation>交换(&amp;W)</translation>
    </message>
    <message>
        <source>Exchange A and B</source>
        <translation>交换 A 和 B</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the strip as PNG (28 pixels per image) or PDF</source>
        <translation type="vanished">将条带保存为 PNG（每张图像 28 像素）或 PDF</translation>
    </message>
    <message>
        <source>Linear: z(t) = (1 − t)·z&lt;sub&gt;A&lt;/sub&gt; + t·z&lt;sub&gt;B&lt;/sub&gt;. Spherical: z(t) = [sin((1 − t)Ω)·z&lt;sub&gt;A&lt;/sub&gt; + sin(tΩ)·z&lt;sub&gt;B&lt;/sub&gt;] / sin Ω, with Ω the angle between z&lt;sub&gt;A&lt;/sub&gt; and z&lt;sub&gt;B&lt;/sub&gt;. In D dimensions most of N(0, I)&apos;s mass lies near the shell ‖z‖ ≈ √D; the straight line cuts through the middle, where codes are rare, while slerp stays on the shell (White 2016).</source>
        <translation>线性：z(t) = (1 − t)·z&lt;sub&gt;A&lt;/sub&gt; + t·z&lt;sub&gt;B&lt;/sub&gt;。球面：z(t) = [sin((1 − t)Ω)·z&lt;sub&gt;A&lt;/sub&gt; + sin(tΩ)·z&lt;sub&gt;B&lt;/sub&gt;] / sin Ω，其中 Ω 为 z&lt;sub&gt;A&lt;/sub&gt; 与 z&lt;sub&gt;B&lt;/sub&gt; 的夹角。在 D 维空间中，N(0, I) 的大部分质量位于 ‖z‖ ≈ √D 的球壳附近；直线会穿过编码稀少的中心区域，而 slerp 保持在球壳上（White 2016）。</translation>
    </message>
    <message>
        <source>&amp;Interpolation</source>
        <translation>插值(&amp;I)</translation>
    </message>
    <message>
        <source>Show the interpolation panel: Shift+click two points of the latent plot to decode the path between them (Ctrl+I)</source>
        <translation>显示插值面板：在潜在空间图上 Shift+点击两个点，解码它们之间的路径（Ctrl+I）</translation>
    </message>
    <message>
        <source>Export Interpolation &amp;Strip…</source>
        <translation>导出插值条带(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the decoded interpolation strip as PNG or PDF</source>
        <translation>将解码后的插值条带保存为 PNG 或 PDF</translation>
    </message>
    <message>
        <source>Export Interpolation Strip</source>
        <translation>导出插值条带</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>test image #%1 (waiting for the test set)</source>
        <translation>测试图像 #%1（等待测试集）</translation>
    </message>
    <message>
        <source>Shift+click the latent plot</source>
        <translation>在潜在空间图上 Shift+点击</translation>
    </message>
    <message>
        <source>Shift+click a second point</source>
        <translation>Shift+点击第二个点</translation>
    </message>
    <message>
        <source>test image #%1 (digit %2)</source>
        <translation type="vanished">测试图像 #%1（数字 %2）</translation>
    </message>
    <message>
        <source>z = (%1)</source>
        <translation>z = (%1)</translation>
    </message>
    <message>
        <source>Shift+click the latent plot again to set endpoint B.</source>
        <translation>再次在潜在空间图上 Shift+点击以设置端点 B。</translation>
    </message>
    <message>
        <source>Shift+click the latent plot to set endpoint A, then again for B. Shift+click near a test point to start from that image; drag A or B to move them.</source>
        <translation>在潜在空间图上 Shift+点击设置端点 A，再点击一次设置 B。在测试点附近 Shift+点击可从该图像开始；拖动 A 或 B 可移动它们。</translation>
    </message>
    <message>
        <source>Train or open a model to decode the path.</source>
        <translation>请先训练或打开一个模型以解码路径。</translation>
    </message>
    <message>
        <source>Cannot decode the path: %1</source>
        <translation>无法解码路径：%1</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>There is no interpolation strip yet: set two endpoints with Shift+click on a trained or opened model.</source>
        <translation>还没有插值条带：请在已训练或已打开的模型上用 Shift+点击设置两个端点。</translation>
    </message>
    <message>
        <source>Interpolation strip</source>
        <translation>插值条带</translation>
    </message>
    <message>
        <source>Cannot export the strip</source>
        <translation>无法导出条带</translation>
    </message>
    <message>
        <source>%1: use a file name ending in .png or .pdf.</source>
        <translation>%1：请使用以 .png 或 .pdf 结尾的文件名。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Interpolation endpoint %1: %2</source>
        <translation>插值端点 %1：%2</translation>
    </message>
    <message>
        <source>test image #%1 (%2)</source>
        <translation>测试图像 #%1（%2）</translation>
    </message>
    <message>
        <source>Save the strip as PNG (one pixel per image pixel) or PDF</source>
        <translation>将条带保存为 PNG（每个图像像素一个像素）或 PDF</translation>
    </message>
    <message>
        <source>test example #%1</source>
        <translation>测试样本 #%1</translation>
    </message>
</context>
<context>
    <name>vae::gui::IwaeTool</name>
    <message>
        <source>Importance-Weighted Bound</source>
        <translation>重要性加权下界</translation>
    </message>
    <message>
        <source>Importance-&amp;Weighted Bound</source>
        <translation>重要性加权下界(&amp;W)</translation>
    </message>
    <message>
        <source>log p(x) estimates L_k for k = 1, 10, 100, 1000 on the test set (Burda et al. 2015; Ctrl+Shift+B)</source>
        <translation>在测试集上对 k = 1、10、100、1000 估计 log p(x) 的下界 L_k（Burda 等 2015；Ctrl+Shift+B）</translation>
    </message>
    <message>
        <source>IWAE</source>
        <translation>IWAE</translation>
    </message>
    <message>
        <source>Importance-weighted bounds L_k on the test set (%1)</source>
        <translation>测试集上的重要性加权下界 L_k（%1）</translation>
    </message>
    <message>
        <source>&amp;Test images:</source>
        <translation>测试图像(&amp;T)：</translation>
    </message>
    <message>
        <source>first %1</source>
        <translation>前 %1 张</translation>
    </message>
    <message>
        <source>Bounds over the first n test images: the time grows with n (and the quadrature line takes most of it).</source>
        <translation>在前 n 张测试图像上计算下界：用时随 n 增长（求积线占了大部分时间）。</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>计算(&amp;C)</translation>
    </message>
    <message>
        <source>Compute L_1, L_10, L_100, L_1000 with the current model</source>
        <translation>用当前模型计算 L_1、L_10、L_100、L_1000</translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation>取消(&amp;L)</translation>
    </message>
    <message>
        <source>k (importance samples per image)</source>
        <translation>k（每张图像的重要性样本数）</translation>
    </message>
    <message>
        <source>mean over the images (nats)</source>
        <translation>图像上的平均值（奈特）</translation>
    </message>
    <message>
        <source>L_k</source>
        <translation>L_k</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>L_k (nats)</source>
        <translation>L_k（奈特）</translation>
    </message>
    <message>
        <source>± s.e.</source>
        <translation>± 标准误</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Standard error of the mean over the images (their spread / √n); the differences between the rows are paired (the same images) and far more precise</source>
        <translation>图像平均值的标准误（各图像的离散程度 / √n）；各行之间的差是配对的（同一批图像），因而精确得多</translation>
    </message>
    <message>
        <source>log p(x) by quadrature − L_k, averaged over the same images (2-D latent only)</source>
        <translation>由求积得到的 log p(x) − L_k，在相同图像上取平均（仅限二维潜在空间）</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Importance-weighted bound&lt;/b&gt; (Burda et al. 2015): with z&lt;sub&gt;1&lt;/sub&gt;, …, z&lt;sub&gt;k&lt;/sub&gt; drawn from q(z|x),&lt;br&gt;L&lt;sub&gt;k&lt;/sub&gt; = E[ log (1/k) Σ&lt;sub&gt;i&lt;/sub&gt; p(x, z&lt;sub&gt;i&lt;/sub&gt;) / q(z&lt;sub&gt;i&lt;/sub&gt;|x) ].&lt;br&gt;L&lt;sub&gt;1&lt;/sub&gt; is the ELBO, and ELBO = L&lt;sub&gt;1&lt;/sub&gt; ≤ L&lt;sub&gt;k&lt;/sub&gt; ≤ L&lt;sub&gt;m&lt;/sub&gt; ≤ log p(x) for k ≤ m, with L&lt;sub&gt;k&lt;/sub&gt; → log p(x) as k → ∞ (Theorem 1). More samples make the bound tighter without changing the model: the rise from L&lt;sub&gt;1&lt;/sub&gt; shows how much the ELBO underestimates log p(x). For a 2-D latent the dashed line is log p(x) itself, by quadrature on a grid, averaged over the same images.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;重要性加权下界&lt;/b&gt;（Burda 等 2015）：从 q(z|x) 抽取 z&lt;sub&gt;1&lt;/sub&gt;, …, z&lt;sub&gt;k&lt;/sub&gt;，&lt;br&gt;L&lt;sub&gt;k&lt;/sub&gt; = E[ log (1/k) Σ&lt;sub&gt;i&lt;/sub&gt; p(x, z&lt;sub&gt;i&lt;/sub&gt;) / q(z&lt;sub&gt;i&lt;/sub&gt;|x) ]。&lt;br&gt;L&lt;sub&gt;1&lt;/sub&gt; 就是 ELBO，并且当 k ≤ m 时 ELBO = L&lt;sub&gt;1&lt;/sub&gt; ≤ L&lt;sub&gt;k&lt;/sub&gt; ≤ L&lt;sub&gt;m&lt;/sub&gt; ≤ log p(x)，k → ∞ 时 L&lt;sub&gt;k&lt;/sub&gt; → log p(x)（定理 1）。更多样本使下界更紧，而模型不变：从 L&lt;sub&gt;1&lt;/sub&gt; 起的上升量说明 ELBO 低估了 log p(x) 多少。对于二维潜在空间，虚线就是 log p(x) 本身，由网格上的数值求积得到，并在相同图像上取平均。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation>请先训练或打开一个模型。</translation>
    </message>
    <message>
        <source>Cannot compute the bound: %1</source>
        <translation>无法计算下界：%1</translation>
    </message>
    <message>
        <source>log p(x) by quadrature: %1</source>
        <translation>求积得到的 log p(x)：%1</translation>
    </message>
    <message>
        <source>log p(x)</source>
        <translation>log p(x)</translation>
    </message>
    <message>
        <source>log p(x) by quadrature on a %1 × %1 grid per image</source>
        <translation>每张图像在 %1 × %1 网格上求积得到的 log p(x)</translation>
    </message>
    <message>
        <source>Computing over the first %1 test images with the model at step %2…</source>
        <translation>正在用第 %2 步的模型计算前 %1 张测试图像…</translation>
    </message>
    <message>
        <source>Press Compute to estimate log p(x) on the test set.</source>
        <translation>按“计算”在测试集上估计 log p(x)。</translation>
    </message>
    <message>
        <source>First %1 test images, seed %2, model at step %3.</source>
        <translation>前 %1 张测试图像，种子 %2，模型为第 %3 步。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The model has changed since: Compute again.</source>
        <translation>模型已更改：请重新计算。</translation>
    </message>
    <message>
        <source>No quadrature line: log p(x) on a grid needs a 2-D latent space.</source>
        <translation>没有求积线：在网格上计算 log p(x) 需要二维潜在空间。</translation>
    </message>
</context>
<context>
    <name>vae::gui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System (%1)</source>
        <translation>跟随系统(&amp;S)（%1）</translation>
    </message>
    <message>
        <source>The language of the user interface; it changes at the next start</source>
        <translation>用户界面的语言；下次启动时生效</translation>
    </message>
    <message>
        <source>The user interface is already in this language.</source>
        <translation>用户界面已经是这种语言。</translation>
    </message>
    <message>
        <source>The language changes when VAE Explorer starts again.</source>
        <translation>语言将在 VAE Explorer 重新启动后更改。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&lt;p&gt;The new language is used when VAE Explorer starts again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;新语言将在 VAE Explorer 重新启动后使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>Training is running: the language changes at the next start. To restart now, stop training (Shift+F5) and choose the language again.</source>
        <translation>正在训练：语言将在下次启动时更改。若要立即重启，请先停止训练（Shift+F5），然后再次选择语言。</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>The model trained in this session has not been saved. Save it before restarting?</source>
        <translation type="vanished">本次会话训练的模型尚未保存。重启前是否保存？</translation>
    </message>
    <message>
        <source>Cannot start %1 again; please start it yourself.</source>
        <translation>无法重新启动 %1；请手动启动。</translation>
    </message>
</context>
<context>
    <name>vae::gui::LatentCsv</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>vae::gui::LatentPlot</name>
    <message>
        <source>faint dots:
training set</source>
        <translation>浅色点：
训练集</translation>
    </message>
    <message>
        <source>z₁</source>
        <translation>z₁</translation>
    </message>
    <message>
        <source>z₂</source>
        <translation>z₂</translation>
    </message>
</context>
<context>
    <name>vae::gui::LossPlot</name>
    <message>
        <source>reconstruction</source>
        <translation type="vanished">重构</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>−ELBO</source>
        <translation>−ELBO</translation>
    </message>
    <message>
        <source> (train, epoch mean)</source>
        <translation>（训练，轮均值）</translation>
    </message>
    <message>
        <source> (test)</source>
        <translation>（测试）</translation>
    </message>
    <message>
        <source>epoch mean, train</source>
        <translation>轮均值，训练</translation>
    </message>
    <message>
        <source>test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>nats per image</source>
        <translation type="vanished">奈特 / 图像</translation>
    </message>
    <message>
        <source>β %1 → %2</source>
        <translation>β %1 → %2</translation>
    </message>
    <message>
        <source>lr %1 → %2</source>
        <translation>学习率 %1 → %2</translation>
    </message>
    <message>
        <source>KL %1 → %2</source>
        <translation>KL %1 → %2</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>reconstruction (%1)</source>
        <translation>重构（%1）</translation>
    </message>
    <message>
        <source>nats per example</source>
        <translation>奈特 / 样本</translation>
    </message>
</context>
<context>
    <name>vae::gui::MainWindow</name>
    <message>
        <source>VAE Explorer</source>
        <translation>VAE Explorer</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Train a new model with the settings on the right (F5)</source>
        <translation>使用右侧的设置训练一个新模型（F5）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume training (F6)</source>
        <translation>暂停或继续训练（F6）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop training; the model so far stays explorable (Shift+F5)</source>
        <translation>停止训练；已训练的模型仍可继续探索（Shift+F5）</translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Model checkpoints (*.safetensors);;All files (*)</source>
        <translation>模型检查点 (*.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Save Model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Model checkpoints (*.safetensors)</source>
        <translation>模型检查点 (*.safetensors)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export &amp;Loss Plot…</source>
        <translation>导出损失图(&amp;L)…</translation>
    </message>
    <message>
        <source>Export Loss Plot</source>
        <translation>导出损失图</translation>
    </message>
    <message>
        <source>Export La&amp;tent Plot…</source>
        <translation>导出潜在空间图(&amp;T)…</translation>
    </message>
    <message>
        <source>Export Latent Plot</source>
        <translation>导出潜在空间图</translation>
    </message>
    <message>
        <source>Export Latent &amp;Coordinates…</source>
        <translation>导出潜在坐标(&amp;C)…</translation>
    </message>
    <message>
        <source>Export Latent Coordinates</source>
        <translation>导出潜在坐标</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export for TensorBoard &amp;Projector…</source>
        <translation>导出到 TensorBoard Projector(&amp;P)…</translation>
    </message>
    <message>
        <source>Write vectors.tsv and metadata.tsv (posterior means and labels of the test images)</source>
        <translation>写出 vectors.tsv 和 metadata.tsv（测试图像的后验均值和标签）</translation>
    </message>
    <message>
        <source>Export for TensorBoard Projector</source>
        <translation>导出到 TensorBoard Projector</translation>
    </message>
    <message>
        <source>Export Loss &amp;History…</source>
        <translation>导出损失历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Export Loss History</source>
        <translation>导出损失历史</translation>
    </message>
    <message>
        <source>Show &amp;Training Set</source>
        <translation>显示训练集(&amp;T)</translation>
    </message>
    <message>
        <source>Also plot the training images in the latent plot, lighter, under the test images (Ctrl+T)</source>
        <translation>在潜在空间图中以较浅的颜色在测试图像下方同时绘制训练图像（Ctrl+T）</translation>
    </message>
    <message>
        <source>&amp;Fit Latent View to Data</source>
        <translation>使潜在视图适应数据(&amp;F)</translation>
    </message>
    <message>
        <source>Same as double-clicking the latent plot</source>
        <translation>与双击潜在空间图相同</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About VAE Explorer</source>
        <translation>关于 VAE Explorer(&amp;A)</translation>
    </message>
    <message>
        <source>About VAE Explorer</source>
        <translation>关于 VAE Explorer</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;VAE Explorer&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Trains a variational autoencoder (Kingma &amp;amp; Welling 2014) on MNIST and lets you explore its latent space: click or drag on the latent plot to decode a point, wheel to zoom, right-drag to pan, double-click to fit.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;VAE Explorer&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;在 MNIST 上训练变分自编码器（Kingma &amp;amp; Welling 2014），并让你探索它的潜在空间：在潜在空间图上点击或拖动以解码一个点，滚轮缩放，右键拖动平移，双击适应视图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Explore</source>
        <translation>探索(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>Left button: decode · wheel: zoom · right or middle drag: pan · double-click: fit to data</source>
        <translation>左键：解码 · 滚轮：缩放 · 右键或中键拖动：平移 · 双击：适应数据</translation>
    </message>
    <message>
        <source>Decoded image</source>
        <translation>解码图像</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>无法开始训练</translation>
    </message>
    <message>
        <source>The MNIST data is not loaded, so there is nothing to train on.</source>
        <translation>MNIST 数据尚未加载，没有可训练的数据。</translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation>设置无效</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>test ELBO %1 nats (epoch %2)</source>
        <translation>测试 ELBO %1 奈特（第 %2 轮）</translation>
    </message>
    <message>
        <source>epoch %1/%2 · step %3/%4 · ETA %5</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · 剩余 %5</translation>
    </message>
    <message>
        <source>%1 samples/s</source>
        <translation>%1 样本/秒</translation>
    </message>
    <message>
        <source>epoch %1/%2 · step %3/%4 · %5</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · %5</translation>
    </message>
    <message>
        <source>Training is running. Stop it before opening a model.</source>
        <translation type="vanished">正在训练。请先停止训练再打开模型。</translation>
    </message>
    <message>
        <source>opened model</source>
        <translation>已打开模型</translation>
    </message>
    <message>
        <source>%1 — VAE Explorer</source>
        <translation type="vanished">%1 — VAE Explorer</translation>
    </message>
    <message>
        <source>Cannot export the plot</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>%1: use a file name ending in .png or .pdf.</source>
        <translation>%1：请使用以 .png 或 .pdf 结尾的文件名。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>There are no latent coordinates yet: train or open a model first.</source>
        <translation>还没有潜在坐标：请先训练或打开一个模型。</translation>
    </message>
    <message>
        <source>Cannot export latent coordinates</source>
        <translation>无法导出潜在坐标</translation>
    </message>
    <message>
        <source>Cannot export for the projector</source>
        <translation>无法导出到 Projector</translation>
    </message>
    <message>
        <source>Exported %1 and %2 to %3</source>
        <translation>已将 %1 和 %2 导出到 %3</translation>
    </message>
    <message>
        <source>There is no loss history yet: train or open a model first.</source>
        <translation>还没有损失历史：请先训练或打开一个模型。</translation>
    </message>
    <message>
        <source>Cannot export the loss history</source>
        <translation>无法导出损失历史</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Exploring %1</source>
        <translation>正在探索 %1</translation>
    </message>
    <message>
        <source>Each dot is a test image x, placed at the mean μ of its approximate posterior q&lt;sub&gt;φ&lt;/sub&gt;(z|x) and coloured by its digit. A click picks a latent point z; the decoder gives p&lt;sub&gt;θ&lt;/sub&gt;(x|z), one Bernoulli per pixel, and the decoded image shows its means: E[x|z] = sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) ∈ [0, 1]&lt;sup&gt;784&lt;/sup&gt;.</source>
        <translation type="vanished">每个点是一张测试图像 x，位于其近似后验 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) 的均值 μ 处，并按数字着色。点击选取一个潜在点 z；解码器给出 p&lt;sub&gt;θ&lt;/sub&gt;(x|z)，即每个像素一个伯努利分布，解码图像显示其均值：E[x|z] = sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) ∈ [0, 1]&lt;sup&gt;784&lt;/sup&gt;。</translation>
    </message>
    <message>
        <source>Invalid KL schedule</source>
        <translation>KL 调度无效</translation>
    </message>
    <message>
        <source>test reconstruction %1 nats (epoch %2)</source>
        <translation>测试重构 %1 奈特（第 %2 轮）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Each dot is a test image x, placed at the mean μ of its approximate posterior q&lt;sub&gt;φ&lt;/sub&gt;(z|x) and coloured by its class (or by what Colour by picks). A click picks a latent point z; the decoder gives p&lt;sub&gt;θ&lt;/sub&gt;(x|z), one Bernoulli per pixel, and the decoded image shows its means: E[x|z] = sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) ∈ [0, 1]&lt;sup&gt;D&lt;/sup&gt; (D = 784 pixels for MNIST).</source>
        <translation type="vanished">每个点是一张测试图像 x，位于其近似后验 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) 的均值 μ 处，并按类别（或“着色依据”所选的因子）着色。点击选取一个潜在点 z；解码器给出 p&lt;sub&gt;θ&lt;/sub&gt;(x|z)，即每个像素一个伯努利分布，解码图像显示其均值：E[x|z] = sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) ∈ [0, 1]&lt;sup&gt;D&lt;/sup&gt;（MNIST 的 D = 784 个像素）。</translation>
    </message>
    <message>
        <source>Open &amp;Dataset</source>
        <translation>打开数据集(&amp;D)</translation>
    </message>
    <message>
        <source>MNIST (grey levels)</source>
        <translation>MNIST（灰度）</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>Binarized MNIST, dynamic</source>
        <translation>二值化 MNIST，动态</translation>
    </message>
    <message>
        <source>Binarized MNIST, static</source>
        <translation>二值化 MNIST，静态</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Stop training to open another dataset</source>
        <translation>停止训练后才能打开其他数据集</translation>
    </message>
    <message>
        <source>Click the latent plot to decode a point.</source>
        <translation>点击潜在图以解码一个点。</translation>
    </message>
    <message>
        <source>Shapes (dSprites design)</source>
        <translation>形状（dSprites 设计）</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message>
        <source>Image &amp;Folder…</source>
        <translation>图像文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open an Image Folder (one subfolder per class)</source>
        <translation>打开图像文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>&amp;CSV Table…</source>
        <translation>CSV 表格(&amp;C)…</translation>
    </message>
    <message>
        <source>Open a CSV Table</source>
        <translation>打开 CSV 表格</translation>
    </message>
    <message>
        <source>CSV tables (*.csv);;All files (*)</source>
        <translation>CSV 表格 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The column that holds the class names (leave empty if there is none):</source>
        <translation>包含类别名称的列（若没有则留空）：</translation>
    </message>
    <message>
        <source>&amp;NumPy Array…</source>
        <translation>NumPy 数组(&amp;N)…</translation>
    </message>
    <message>
        <source>Open a NumPy Array</source>
        <translation>打开 NumPy 数组</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy);;All files (*)</source>
        <translation>NumPy 数组 (*.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>What the colours of the latent plot&apos;s points mean: the class, or one of the data&apos;s known factors of variation</source>
        <translation>潜在图中点的颜色表示什么：类别，或数据的某个已知变化因子</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>one colour</source>
        <translation>单一颜色</translation>
    </message>
    <message>
        <source>--colour-by: this data has no &quot;%1&quot; to colour by.</source>
        <translation>--colour-by：该数据没有可用于着色的 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>Loading… (Cancel in the status bar)</source>
        <translation>加载中…（可在状态栏中取消）</translation>
    </message>
    <message>
        <source>Decoded example</source>
        <translation>解码样本</translation>
    </message>
    <message>
        <source>Each dot is a test example x, placed at the mean μ of its approximate posterior q&lt;sub&gt;φ&lt;/sub&gt;(z|x) and coloured by its class (or by what Colour by picks). A click picks a latent point z; the decoder gives the likelihood p&lt;sub&gt;θ&lt;/sub&gt;(x|z) over the D values of an example (784 pixels for MNIST; Bernoulli, continuous Bernoulli or Gaussian, as chosen in the settings), and the decoded view shows its mean E[x|z].</source>
        <translation type="vanished">每个点是一个测试样本 x，位于其近似后验 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) 的均值 μ 处，按类别着色（或按“着色依据”所选）。单击选取一个潜在点 z；解码器给出样本 D 个值上的似然 p&lt;sub&gt;θ&lt;/sub&gt;(x|z)（MNIST 为 784 个像素；伯努利、连续伯努利或高斯，按设置中所选），解码视图显示其均值 E[x|z]。</translation>
    </message>
    <message>
        <source>Each dot is a test example x, placed at the mean μ of its approximate posterior q&lt;sub&gt;φ&lt;/sub&gt;(z|x) and coloured by its class (or by what Colour by picks). A click picks a latent point z; the decoder gives the likelihood p&lt;sub&gt;θ&lt;/sub&gt;(x|z) over the D values of an example (784 pixels for MNIST; Bernoulli, continuous Bernoulli or Gaussian, as chosen in the settings), and the decoded view shows its mean E[x|z] (= sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z)) for a Bernoulli).</source>
        <translation>每个点是一个测试样本 x，位于其近似后验 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) 的均值 μ 处，按类别着色（或按“着色依据”所选）。单击选取一个潜在点 z；解码器给出样本 D 个值上的似然 p&lt;sub&gt;θ&lt;/sub&gt;(x|z)（MNIST 为 784 个像素；伯努利、连续伯努利或高斯，按设置中所选），解码视图显示其均值 E[x|z]（伯努利时 = sigmoid(f&lt;sub&gt;θ&lt;/sub&gt;(z))）。</translation>
    </message>
    <message>
        <source>following a run</source>
        <translation>正在跟踪训练</translation>
    </message>
    <message>
        <source>&amp;Follow Run…</source>
        <translation>跟踪训练(&amp;F)…</translation>
    </message>
    <message>
        <source>Watch a run folder written by a PyTorch training script (python/vae_explorer)</source>
        <translation>监视由 PyTorch 训练脚本（python/vae_explorer）写入的训练文件夹</translation>
    </message>
    <message>
        <source>Follow Run</source>
        <translation>跟踪训练</translation>
    </message>
    <message>
        <source>&amp;Continue Training…</source>
        <translation>继续训练(&amp;C)…</translation>
    </message>
    <message>
        <source>Train the opened or finished model further, from where its run stopped</source>
        <translation>从训练停止处继续训练已打开或已完成的模型</translation>
    </message>
    <message>
        <source>following %1 — %2</source>
        <translation>正在跟踪 %1 — %2</translation>
    </message>
    <message>
        <source>Cannot continue training</source>
        <translation>无法继续训练</translation>
    </message>
    <message>
        <source>The data is not loaded, so there is nothing to train on.</source>
        <translation>数据尚未加载，没有可训练的数据。</translation>
    </message>
    <message>
        <source>Open a model or train one first: there is no run to continue.</source>
        <translation>请先打开或训练一个模型：没有可继续的训练。</translation>
    </message>
    <message numerus="yes">
        <source>The run has trained %n full epoch(s), %1 steps.</source>
        <translation>
            <numerusform>该训练已完成 %n 个完整轮次，共 %1 步。</numerusform>
        </translation>
    </message>
    <message>
        <source>This file holds no optimizer state (it was saved before VAE Explorer kept it): training continues with a fresh Adam optimizer.</source>
        <translation>此文件不含优化器状态（保存于 VAE Explorer 开始保存它之前）：训练将以新的 Adam 优化器继续。</translation>
    </message>
    <message>
        <source>Train until epoch:</source>
        <translation>训练到第几轮：</translation>
    </message>
    <message>
        <source>Continue Training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Autosave failed: %1 Training goes on; File ▸ Save Model keeps the model.</source>
        <translation>自动保存失败：%1 训练继续进行；可用“文件 ▸ 保存模型”保存模型。</translation>
    </message>
    <message>
        <source>Autosaved at step %1</source>
        <translation>已自动保存（第 %1 步）</translation>
    </message>
    <message>
        <source>An autosaved model from a session that did not close normally is kept in %1; the next start offers it.</source>
        <translation>一个未正常关闭的会话留下的自动保存模型保存在 %1 中；下次启动时会询问是否恢复。</translation>
    </message>
    <message>
        <source>&amp;Autosave</source>
        <translation>自动保存(&amp;A)</translation>
    </message>
    <message>
        <source>While training, keep a recovery copy of the model: after a crash the next start offers to restore it</source>
        <translation>训练时保留模型的恢复副本：程序崩溃后，下次启动时会询问是否恢复</translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation>关闭(&amp;O)</translation>
    </message>
    <message>
        <source>Exploring the restored model</source>
        <translation>正在探索恢复的模型</translation>
    </message>
    <message>
        <source>VAE Explorer did not close normally. Restore the model autosaved at %1 (step %2, %3)?</source>
        <translation>VAE Explorer 上次未正常关闭。要恢复在 %1 自动保存的模型（第 %2 步，%3）吗？</translation>
    </message>
    <message>
        <source>unknown data</source>
        <translation>未知数据</translation>
    </message>
    <message>
        <source>VAE Explorer did not close normally. Restore the model autosaved at %1?</source>
        <translation>VAE Explorer 上次未正常关闭。要恢复在 %1 自动保存的模型吗？</translation>
    </message>
    <message>
        <source>Restore Autosaved Model</source>
        <translation>恢复自动保存的模型</translation>
    </message>
    <message>
        <source>Restore opens it as an unsaved model: File ▸ Continue Training carries its run on, File ▸ Save Model keeps it. Discard deletes it; Keep for Later asks again at the next start.</source>
        <translation>“恢复”会将它作为未保存的模型打开：“文件 ▸ 继续训练”可接着训练，“文件 ▸ 保存模型”可将它保存。“放弃”会删除它；“稍后处理”会在下次启动时再次询问。</translation>
    </message>
    <message>
        <source>Its run came from %1.</source>
        <translation>该训练源自 %1。</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>Keep for &amp;Later</source>
        <translation>稍后处理(&amp;L)</translation>
    </message>
    <message>
        <source>The recovery file could not be read and was deleted.</source>
        <translation>恢复文件无法读取，已删除。</translation>
    </message>
    <message>
        <source>Every %1 min</source>
        <translation>每 %1 分钟</translation>
    </message>
</context>
<context>
    <name>vae::gui::ManifoldTool</name>
    <message>
        <source>&amp;Manifold Grid</source>
        <translation>流形网格(&amp;M)</translation>
    </message>
    <message>
        <source>Manifold</source>
        <translation>流形</translation>
    </message>
    <message>
        <source>Draw decoded images under the latent points (Ctrl+M)</source>
        <translation>在潜在点下方绘制解码图像（Ctrl+M）</translation>
    </message>
    <message>
        <source>Draw the decoder&apos;s images on a grid under the latent points, covering the view (Ctrl+M)</source>
        <translation>在潜在点下方的网格上绘制解码器生成的图像，覆盖整个视图（Ctrl+M）</translation>
    </message>
    <message>
        <source>&amp;Export Manifold Grid…</source>
        <translation>导出流形网格(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the manifold grid of the visible region as a PNG, 28 pixels per tile</source>
        <translation type="vanished">将可见区域的流形网格保存为 PNG，每个图块 28 像素</translation>
    </message>
    <message>
        <source>Prior Quantile Manifold</source>
        <translation>先验分位数流形</translation>
    </message>
    <message>
        <source>Train or open a model to see its manifold.</source>
        <translation>请先训练或打开一个模型以查看其流形。</translation>
    </message>
    <message>
        <source>&amp;Tiles:</source>
        <translation>图块数(&amp;T)：</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>导出 PNG(&amp;X)…</translation>
    </message>
    <message>
        <source>Save this grid as a PNG, 28 pixels per tile</source>
        <translation type="vanished">将此网格保存为 PNG，每个图块 28 像素</translation>
    </message>
    <message>
        <source>The decoder maps the whole latent plane onto images. This grid decodes z&lt;sub&gt;k&lt;/sub&gt; = Φ&lt;sup&gt;−1&lt;/sup&gt;((k − ½)/n) on each axis (Φ: the standard normal CDF), so every tile stands for the same prior probability 1/n² of p(z) = N(0, I): the tiles show where the prior puts its mass, not its empty tails. The Manifold Grid (Ctrl+M) instead decodes evenly spaced points under the latent plot.</source>
        <translation>解码器把整个潜在平面映射为图像。此网格在每个轴上解码 z&lt;sub&gt;k&lt;/sub&gt; = Φ&lt;sup&gt;−1&lt;/sup&gt;((k − ½)/n)（Φ：标准正态分布的累积分布函数），因此每个图块代表先验 p(z) = N(0, I) 中相同的概率 1/n²：图块展示的是先验质量所在的区域，而不是空旷的尾部。流形网格（Ctrl+M）则在潜在空间图下方解码等间距的点。</translation>
    </message>
    <message>
        <source>Prior &amp;Quantile Manifold</source>
        <translation>先验分位数流形(&amp;Q)</translation>
    </message>
    <message>
        <source>Quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>Decoded images at the prior&apos;s quantiles, Kingma &amp; Welling&apos;s Fig. 4 (Ctrl+Shift+M)</source>
        <translation>先验分位数处的解码图像，即 Kingma &amp; Welling 的图 4（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>A panel with the decoder&apos;s images at the quantiles of the prior N(0, I) (Ctrl+Shift+M)</source>
        <translation>显示解码器在先验 N(0, I) 分位数处生成的图像的面板（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>Cannot decode the manifold grid: %1</source>
        <translation>无法解码流形网格：%1</translation>
    </message>
    <message>
        <source>The %1-D latent space is cut at (z₁, z₂): the other %2 dimensions are 0, the prior&apos;s mean.</source>
        <translation>%1 维潜在空间在 (z₁, z₂) 处截取：其余 %2 个维度为 0，即先验的均值。</translation>
    </message>
    <message>
        <source>The latent space is 1-D: the tiles change along z₁ only.</source>
        <translation>潜在空间是一维的：图块只沿 z₁ 变化。</translation>
    </message>
    <message>
        <source>Tile (r, c) decodes z = (Φ⁻¹((c + ½)/n), Φ⁻¹((n − r − ½)/n)): every tile stands for an equal share of the prior N(0, I) (Kingma &amp; Welling 2014, Fig. 4).</source>
        <translation>图块 (r, c) 解码 z = (Φ⁻¹((c + ½)/n), Φ⁻¹((n − r − ½)/n))：每个图块代表先验 N(0, I) 中相等的一份（Kingma &amp; Welling 2014，图 4）。</translation>
    </message>
    <message>
        <source>Manifold grid: %1</source>
        <translation>流形网格：%1</translation>
    </message>
    <message>
        <source>Cannot export the manifold grid: the latent plot has no visible region.</source>
        <translation>无法导出流形网格：潜在空间图没有可见区域。</translation>
    </message>
    <message>
        <source>Nothing to export: train or open a model first.</source>
        <translation>没有可导出的内容：请先训练或打开一个模型。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export Manifold Grid</source>
        <translation>导出流形网格</translation>
    </message>
    <message>
        <source>Export Prior Quantile Manifold</source>
        <translation>导出先验分位数流形</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Manifold grid</source>
        <translation>流形网格</translation>
    </message>
    <message>
        <source>Save the manifold grid of the visible region as a PNG, one pixel per image pixel</source>
        <translation>将可见区域的流形网格保存为 PNG，每个图像像素一个像素</translation>
    </message>
    <message>
        <source>Save this grid as a PNG, one pixel per image pixel</source>
        <translation>将此网格保存为 PNG，每个图像像素一个像素</translation>
    </message>
    <message>
        <source>The decoded column that colours the latent plane (a table&apos;s manifold grid)</source>
        <translation>为潜在平面着色的解码列（表格的流形网格）</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>Colour the latent plane by a decoded column (Ctrl+M)</source>
        <translation>按一个解码列为潜在平面着色 (Ctrl+M)</translation>
    </message>
</context>
<context>
    <name>vae::gui::MigView</name>
    <message>
        <source>I(z; v) / H(v)</source>
        <translation>I(z; v) / H(v)</translation>
    </message>
    <message>
        <source>latent dimension</source>
        <translation>潜在维度</translation>
    </message>
    <message>
        <source>Normalised mutual information I(z_j; v_k) / H(v_k) between each latent dimension z_j (its posterior means over the test images, in %1 bins) and each known factor v_k. A disentangled code has one bright cell per row.</source>
        <translation>每个潜在维度 z_j（测试图像的后验均值，分为 %1 个区间）与每个已知因子 v_k 之间的归一化互信息 I(z_j; v_k) / H(v_k)。解耦的编码每行只有一个亮格。</translation>
    </message>
    <message>
        <source>Cannot compute the MIG: %1</source>
        <translation>无法计算 MIG：%1</translation>
    </message>
    <message>
        <source>%1: constant</source>
        <translation>%1：常数</translation>
    </message>
    <message>
        <source>%1: %2 (z%3)</source>
        <translation>%1：%2（z%3）</translation>
    </message>
    <message>
        <source>&lt;b&gt;MIG %1&lt;/b&gt; (step %2, %3 test images) · gap per factor, with the dimension that captures it most: %4</source>
        <translation>&lt;b&gt;MIG %1&lt;/b&gt;（第 %2 步，%3 张测试图像）· 各因子的差值及最能承载它的维度：%4</translation>
    </message>
    <message>
        <source>No latent snapshot with factors yet.</source>
        <translation>尚无带因子的潜在快照。</translation>
    </message>
</context>
<context>
    <name>vae::gui::PointInspector</name>
    <message>
        <source>%1 nats</source>
        <translation>%1 奈特</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>检查器(&amp;I)</translation>
    </message>
    <message>
        <source>Inspect one image: click a point of the latent plot to see the image, its reconstruction and its loss terms, and the test images reconstructed worst (Ctrl+Shift+I)</source>
        <translation>检查单张图像：点击潜在空间图中的一个点，查看该图像、其重构和损失项，以及重构最差的测试图像（Ctrl+Shift+I）</translation>
    </message>
    <message>
        <source>Inspector (Ctrl+Shift+I)</source>
        <translation>检查器（Ctrl+Shift+I）</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>reconstruction</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>Bernoulli means sigmoid(decoder(μ)) of the posterior mean</source>
        <translation type="vanished">后验均值的伯努利均值 sigmoid(decoder(μ))</translation>
    </message>
    <message>
        <source>Reconstruction −E_q[log p(x|z)]</source>
        <translation>重构 −E_q[log p(x|z)]</translation>
    </message>
    <message>
        <source>Bernoulli cross-entropy summed over the 784 pixels, averaged over draws z = μ + σ·ε</source>
        <translation type="vanished">784 个像素上求和的伯努利交叉熵，在 z = μ + σ·ε 的多次采样上取平均</translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ p(z))</source>
        <translation>KL(q(z|x) ‖ p(z))</translation>
    </message>
    <message>
        <source>Closed form for two Gaussians (Kingma &amp; Welling 2014, appendix B)</source>
        <translation>两个高斯分布之间的闭式解（Kingma &amp; Welling 2014，附录 B）</translation>
    </message>
    <message>
        <source>ELBO = −(reconstruction + KL)</source>
        <translation>ELBO = −(重构 + KL)</translation>
    </message>
    <message>
        <source>Evidence lower bound (Kingma &amp; Welling 2014, eq. 10)</source>
        <translation>证据下界（Kingma &amp; Welling 2014，式 10）</translation>
    </message>
    <message>
        <source>Per image: ELBO(x) = E&lt;sub&gt;q&lt;/sub&gt;[log p&lt;sub&gt;θ&lt;/sub&gt;(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)) = −reconstruction − KL, in nats; −ELBO is an upper bound on −log p(x). A large reconstruction term means the decoder cannot redraw this image from its code; a large KL means its code sits far from the prior.</source>
        <translation>单张图像：ELBO(x) = E&lt;sub&gt;q&lt;/sub&gt;[log p&lt;sub&gt;θ&lt;/sub&gt;(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)) = −重构 − KL，单位为奈特；−ELBO 是 −log p(x) 的上界。重构项大说明解码器无法从编码重新画出这张图像；KL 大说明它的编码离先验很远。</translation>
    </message>
    <message>
        <source>Worst-reconstructed test images</source>
        <translation>重构最差的测试图像</translation>
    </message>
    <message>
        <source>Hover over a point of the latent plot to see its index, digit, μ and σ; click it to inspect it here. Or pick an image from the list below.</source>
        <translation type="vanished">将鼠标悬停在潜在空间图的点上可查看其索引、数字、μ 和 σ；点击即可在此检查。也可以从下面的列表中选择图像。</translation>
    </message>
    <message>
        <source>Test image #%1 · digit %2</source>
        <translation type="vanished">测试图像 #%1 · 数字 %2</translation>
    </message>
    <message>
        <source>Training image #%1 · digit %2</source>
        <translation type="vanished">训练图像 #%1 · 数字 %2</translation>
    </message>
    <message>
        <source>μ = %1</source>
        <translation>μ = %1</translation>
    </message>
    <message>
        <source>σ = %1</source>
        <translation>σ = %1</translation>
    </message>
    <message>
        <source>(%1 latent dimensions; the plot shows the first two)</source>
        <translation>（%1 个潜在维度；图中显示前两个）</translation>
    </message>
    <message>
        <source>Click to inspect</source>
        <translation>点击以检查</translation>
    </message>
    <message>
        <source>Inspector (Ctrl+Shift+I), then click to inspect</source>
        <translation>检查器（Ctrl+Shift+I），然后点击以检查</translation>
    </message>
    <message>
        <source>Train or open a model to inspect images.</source>
        <translation>请先训练或打开一个模型以检查图像。</translation>
    </message>
    <message>
        <source>Cannot evaluate this image: %1</source>
        <translation>无法评估这张图像：%1</translation>
    </message>
    <message>
        <source>μ = %1   σ = %2</source>
        <translation>μ = %1   σ = %2</translation>
    </message>
    <message>
        <source>= −(%1 + %2) = %3 nats</source>
        <translation>= −(%1 + %2) = %3 奈特</translation>
    </message>
    <message>
        <source>Reconstruction: mean over %1 draws of ε ~ N(0, I) (seed %2), z = μ + σ·ε. KL: closed form. Model at step %3.</source>
        <translation>重构：对 ε ~ N(0, I) 的 %1 次采样取平均（种子 %2），z = μ + σ·ε。KL：闭式解。模型为第 %3 步。</translation>
    </message>
    <message>
        <source>--inspect: there is no test image %1 (0 to %2).</source>
        <translation>--inspect：没有测试图像 %1（0 到 %2）。</translation>
    </message>
    <message>
        <source>Cannot rank the test images: %1</source>
        <translation>无法对测试图像排序：%1</translation>
    </message>
    <message>
        <source>one draw of ε per image</source>
        <translation>每张图像采样一次 ε</translation>
    </message>
    <message>
        <source>%1 draws of ε per image</source>
        <translation>每张图像采样 %1 次 ε</translation>
    </message>
    <message>
        <source>Top %1 of the 10,000 by −E_q[log p(x|z)], %2 (seed %3); model at step %4, ranked in %5 ms.</source>
        <translation type="vanished">按 −E_q[log p(x|z)] 排序的 10,000 张中的前 %1 张，%2（种子 %3）；模型为第 %4 步，排序用时 %5 毫秒。</translation>
    </message>
    <message>
        <source>Ranks the test images by their reconstruction term once a model is there.</source>
        <translation>模型就绪后按重构项对测试图像排序。</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Hover over a point of the latent plot to see its index, class, μ and σ; click it to inspect it here. Or pick an image from the list below.</source>
        <translation>将鼠标悬停在潜在图中的点上可查看其索引、类别、μ 和 σ；点击即可在此检查。也可以从下面的列表中选择一张图像。</translation>
    </message>
    <message>
        <source>Test image #%1 · %2</source>
        <translation>测试图像 #%1 · %2</translation>
    </message>
    <message>
        <source>Training image #%1 · %2</source>
        <translation>训练图像 #%1 · %2</translation>
    </message>
    <message>
        <source>−log p(x|z) of the model&apos;s likelihood, summed over the example&apos;s values, averaged over draws z = μ + σ·ε</source>
        <translation>模型似然的 −log p(x|z)，对样本的所有值求和，对抽样 z = μ + σ·ε 取平均</translation>
    </message>
    <message>
        <source>Top %1 of the %2 by −E_q[log p(x|z)], %3 (seed %4); model at step %5, ranked in %6 ms.</source>
        <translation>按 −E_q[log p(x|z)] 排序的 %2 个测试样本中的前 %1 个，%3（种子 %4）；模型为第 %5 步，排序用时 %6 毫秒。</translation>
    </message>
    <message>
        <source>The likelihood&apos;s means E[x|z] decoded at the posterior mean z = μ</source>
        <translation>在后验均值 z = μ 处解码得到的似然均值 E[x|z]</translation>
    </message>
</context>
<context>
    <name>vae::gui::PosteriorTool</name>
    <message>
        <source>Posterior</source>
        <translation>后验</translation>
    </message>
    <message>
        <source>&amp;Posterior</source>
        <translation>后验(&amp;P)</translation>
    </message>
    <message>
        <source>The true posterior p(z|x) of one image on a grid, q(z|x)&apos;s ellipses, and log p(x) = ELBO + KL(q ‖ p(z|x)) (2-D latent; Ctrl+Shift+P)</source>
        <translation>一张图像在网格上的真实后验 p(z|x)、q(z|x) 的椭圆，以及 log p(x) = ELBO + KL(q ‖ p(z|x))（二维潜在空间；Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>True posterior vs q(z|x) for the selected image (%1)</source>
        <translation>选中图像的真实后验与 q(z|x)（%1）</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>图像(&amp;I)：</translation>
    </message>
    <message>
        <source>Selected point</source>
        <translation>选中的点</translation>
    </message>
    <message>
        <source>Drawing (Explore ▸ Draw)</source>
        <translation>绘图（探索 ▸ 绘制）</translation>
    </message>
    <message>
        <source>Click a point of the latent plot (or pick one in the Inspector), or use what you draw in the Draw tool</source>
        <translation>点击潜在空间图中的一个点（或在检查器中选取），或使用你在绘制工具中画的图</translation>
    </message>
    <message>
        <source>&amp;Zoom to posterior</source>
        <translation>缩放到后验(&amp;Z)</translation>
    </message>
    <message>
        <source>Fit the latent plot to the grid&apos;s region (double-click the plot to fit the data again)</source>
        <translation>使潜在空间图适应网格区域（双击该图可重新适应数据）</translation>
    </message>
    <message>
        <source>The image x whose posterior is shown</source>
        <translation>显示其后验的图像 x</translation>
    </message>
    <message>
        <source>log p(x) = log ∫ p(x|z) p(z) dz by quadrature over the grid (midpoint rule)</source>
        <translation>log p(x) = log ∫ p(x|z) p(z) dz，在网格上数值求积（中点法则）</translation>
    </message>
    <message>
        <source>ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)] − KL(q(z|x) ‖ p(z)), the reconstruction term by Monte Carlo</source>
        <translation>ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)] − KL(q(z|x) ‖ p(z))，重构项用蒙特卡洛估计</translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ p(z|x)) = log p(x) − ELBO ≥ 0: how far the encoder&apos;s Gaussian is from the true posterior</source>
        <translation>KL(q(z|x) ‖ p(z|x)) = log p(x) − ELBO ≥ 0：编码器的高斯分布离真实后验有多远</translation>
    </message>
    <message>
        <source>log p(x)</source>
        <translation>log p(x)</translation>
    </message>
    <message>
        <source>ELBO</source>
        <translation>ELBO</translation>
    </message>
    <message>
        <source>KL(q ‖ p(z|x))</source>
        <translation>KL(q ‖ p(z|x))</translation>
    </message>
    <message>
        <source>−reconstruction</source>
        <translation>−重构</translation>
    </message>
    <message>
        <source>E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)]: Bernoulli log-likelihood of the 784 grey levels, mean over draws z = μ + σ·ε</source>
        <translation type="vanished">E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)]：784 个灰度值的伯努利对数似然，在 z = μ + σ·ε 的多次抽样上取平均</translation>
    </message>
    <message>
        <source>KL(q ‖ p(z))</source>
        <translation>KL(q ‖ p(z))</translation>
    </message>
    <message>
        <source>KL(q(z|x) ‖ N(0, I)), closed form (Kingma &amp; Welling 2014, appendix B)</source>
        <translation>KL(q(z|x) ‖ N(0, I))，闭式解（Kingma &amp; Welling 2014，附录 B）</translation>
    </message>
    <message>
        <source>&lt;p&gt;The &lt;b&gt;true posterior&lt;/b&gt; p&lt;sub&gt;θ&lt;/sub&gt;(z|x) = p&lt;sub&gt;θ&lt;/sub&gt;(x|z) p(z) / p&lt;sub&gt;θ&lt;/sub&gt;(x) needs the evidence p&lt;sub&gt;θ&lt;/sub&gt;(x) = ∫ p&lt;sub&gt;θ&lt;/sub&gt;(x|z) p(z) dz, an integral over all of latent space: intractable in general. With a 2-D latent we can compute it on a 200 × 200 grid: the &lt;b&gt;heat map&lt;/b&gt; (brighter = more mass), with &lt;b&gt;&lt;span style=&apos;color:#e63c14&apos;&gt;orange contours&lt;/span&gt;&lt;/b&gt; holding 39 % (solid) and 86 % (dashed) of its mass.&lt;/p&gt;&lt;p&gt;The encoder instead outputs a Gaussian &lt;b&gt;q&lt;sub&gt;φ&lt;/sub&gt;(z|x)&lt;/b&gt;: its &lt;b&gt;black ellipses&lt;/b&gt; at 1σ (solid) and 2σ (dashed) hold the same 39 % and 86 % of q&apos;s mass, so the shapes compare like for like. The gap between log p(x) and the ELBO is exactly KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p&lt;sub&gt;θ&lt;/sub&gt;(z|x)): zero only if q matches the true posterior, so maximising the ELBO also pulls q towards it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Amortized inference:&lt;/b&gt; one encoder network gives q for every x in a single pass, instead of fitting a separate q per data point as the E-step of EM (or classic variational inference) would.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;真实后验&lt;/b&gt; p&lt;sub&gt;θ&lt;/sub&gt;(z|x) = p&lt;sub&gt;θ&lt;/sub&gt;(x|z) p(z) / p&lt;sub&gt;θ&lt;/sub&gt;(x) 需要证据 p&lt;sub&gt;θ&lt;/sub&gt;(x) = ∫ p&lt;sub&gt;θ&lt;/sub&gt;(x|z) p(z) dz，这是对整个潜在空间的积分：一般难以计算。在二维潜在空间中，我们可以在 200 × 200 的网格上计算它：&lt;b&gt;热图&lt;/b&gt;（越亮质量越大），&lt;b&gt;&lt;span style=&apos;color:#e63c14&apos;&gt;橙色等高线&lt;/span&gt;&lt;/b&gt;分别包含其质量的 39 %（实线）和 86 %（虚线）。&lt;/p&gt;&lt;p&gt;编码器则输出一个高斯分布 &lt;b&gt;q&lt;sub&gt;φ&lt;/sub&gt;(z|x)&lt;/b&gt;：它的&lt;b&gt;黑色椭圆&lt;/b&gt;位于 1σ（实线）和 2σ（虚线），同样包含 q 的 39 % 和 86 % 的质量，因此两者的形状可以对等比较。log p(x) 与 ELBO 之差恰好是 KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p&lt;sub&gt;θ&lt;/sub&gt;(z|x))：只有当 q 与真实后验一致时才为零，所以最大化 ELBO 也会把 q 拉向真实后验。&lt;/p&gt;&lt;p&gt;&lt;b&gt;摊销推断：&lt;/b&gt;一个编码器网络一次前向传播就为每个 x 给出 q，而不是像 EM 的 E 步（或经典变分推断）那样为每个数据点单独拟合一个 q。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Click a point of the latent plot (or select one in the Inspector) to see its true posterior.</source>
        <translation>点击潜在空间图中的一个点（或在检查器中选择一个）以查看它的真实后验。</translation>
    </message>
    <message>
        <source>Posterior: there is no test image %1 (0 to %2).</source>
        <translation>后验：没有测试图像 %1（0 到 %2）。</translation>
    </message>
    <message>
        <source>Train or open a model to see the posterior of an image.</source>
        <translation>请先训练或打开一个模型以查看图像的后验。</translation>
    </message>
    <message>
        <source>The posterior inspector needs a 2-D latent space; this model has D = %1.

The true posterior is computed on a grid of 200 points per axis, 200^D decoder calls: 40,000 for D = 2, but 8 million for D = 3 and 10^%2 for D = %1. In higher dimensions log p(x) can only be estimated, e.g. by the importance-weighted bound (Explore ▸ Importance-Weighted Bound).</source>
        <translation>后验检查器需要二维潜在空间；此模型的 D = %1。

真实后验在每个轴 200 个点的网格上计算，需要 200^D 次解码器调用：D = 2 时为 40,000 次，D = 3 时已达 800 万次，D = %1 时为 10^%2 次。在更高维度中 log p(x) 只能估计，例如用重要性加权下界（探索 ▸ 重要性加权下界）。</translation>
    </message>
    <message>
        <source>Draw a digit in Explore ▸ Draw to see its posterior.</source>
        <translation>在“探索 ▸ 绘制”中画一个数字以查看它的后验。</translation>
    </message>
    <message>
        <source>Your drawing</source>
        <translation>你的绘图</translation>
    </message>
    <message>
        <source>Loading the images…</source>
        <translation>正在加载图像…</translation>
    </message>
    <message>
        <source>There is no image %1.</source>
        <translation>没有图像 %1。</translation>
    </message>
    <message>
        <source>Test image #%1 · digit %2</source>
        <translation type="vanished">测试图像 #%1 · 数字 %2</translation>
    </message>
    <message>
        <source>Training image #%1 · digit %2</source>
        <translation type="vanished">训练图像 #%1 · 数字 %2</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Computing the posterior on a %1 × %1 grid…</source>
        <translation>正在 %1 × %1 网格上计算后验…</translation>
    </message>
    <message>
        <source>Cannot compute the posterior: %1</source>
        <translation>无法计算后验：%1</translation>
    </message>
    <message>
        <source>All values in nats. The ELBO (and so KL(q ‖ p(z|x))) has a Monte-Carlo standard error of ± %1 nats: reconstruction averaged over S = %2 draws z ~ q(z|x) (seed %3). log p(x): quadrature; KL(q ‖ p(z)): closed form.</source>
        <translation>所有数值单位为奈特。ELBO（因而 KL(q ‖ p(z|x))）的蒙特卡洛标准误为 ± %1 奈特：重构在 S = %2 次抽样 z ~ q(z|x) 上取平均（种子 %3）。log p(x)：数值求积；KL(q ‖ p(z))：闭式解。</translation>
    </message>
    <message>
        <source>Check by quadrature over q&apos;s μ ± 6σ (no sampling): ELBO = %1, KL(q ‖ p(z|x)) = %2. Mass of p(z|x) outside the heat map&apos;s grid: %3.</source>
        <translation>在 q 的 μ ± 6σ 范围内求积校验（不采样）：ELBO = %1，KL(q ‖ p(z|x)) = %2。p(z|x) 落在热图网格之外的质量：%3。</translation>
    </message>
    <message>
        <source>below 10⁻¹²</source>
        <translation>低于 10⁻¹²</translation>
    </message>
    <message>
        <source>%1 × %1 grid over z₁ ∈ [%2, %3], z₂ ∈ [%4, %5]</source>
        <translation>%1 × %1 网格，z₁ ∈ [%2, %3]，z₂ ∈ [%4, %5]</translation>
    </message>
    <message>
        <source>%1: %2 ms; with the %3 draws and the check %4 ms in all, off the GUI thread. Model at step %5.</source>
        <translation>%1：%2 毫秒；加上 %3 次抽样和校验共 %4 毫秒，在 GUI 线程之外计算。模型为第 %5 步。</translation>
    </message>
    <message>
        <source>%1. Computed in %2 ms (the grid, %3 draws and the check) off the GUI thread. Model at step %4.</source>
        <translation>%1。用时 %2 毫秒（网格、%3 次抽样和校验），在 GUI 线程之外计算。模型为第 %4 步。</translation>
    </message>
    <message>
        <source>This model is an autoencoder: its encoder gives one code z = μ(x), not a distribution q(z|x), so there is no ELBO to compare with log p(x). Train a VAE (Training panel ▸ Model) to see q(z|x) next to the true posterior.</source>
        <translation>该模型是自编码器：它的编码器只给出一个编码 z = μ(x)，而不是分布 q(z|x)，因此没有可与 log p(x) 比较的 ELBO。请训练一个 VAE（训练面板 ▸ 模型），即可将 q(z|x) 与真实后验并列查看。</translation>
    </message>
    <message>
        <source>Test image #%1 · %2</source>
        <translation>测试图像 #%1 · %2</translation>
    </message>
    <message>
        <source>Training image #%1 · %2</source>
        <translation>训练图像 #%1 · %2</translation>
    </message>
    <message>
        <source>The example x whose posterior is shown</source>
        <translation>所显示后验对应的样本 x</translation>
    </message>
    <message>
        <source>E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)]: the model&apos;s log-likelihood summed over the example&apos;s values, mean over draws z = μ + σ·ε</source>
        <translation>E&lt;sub&gt;q&lt;/sub&gt;[log p(x|z)]：模型的对数似然，对样本的所有值求和，对抽样 z = μ + σ·ε 取均值</translation>
    </message>
</context>
<context>
    <name>vae::gui::PriorSamplesTool</name>
    <message>
        <source>prior samples</source>
        <translation>先验样本</translation>
    </message>
    <message>
        <source>Prior Samples</source>
        <translation>先验采样</translation>
    </message>
    <message>
        <source>Train or open a model to sample from it.</source>
        <translation>请先训练或打开一个模型以从中采样。</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <source>The same seed draws the same z, so the same images of one model</source>
        <translation>相同的种子抽取相同的 z，因此同一模型给出相同的图像</translation>
    </message>
    <message>
        <source>&amp;Resample</source>
        <translation>重新采样(&amp;R)</translation>
    </message>
    <message>
        <source>Draw new samples (the next seed)</source>
        <translation>抽取新样本（下一个种子）</translation>
    </message>
    <message>
        <source>Show on latent &amp;plot</source>
        <translation>在潜在空间图上显示(&amp;P)</translation>
    </message>
    <message>
        <source>Circle each sample&apos;s (z₁, z₂) in the latent plot</source>
        <translation>在潜在空间图中圈出每个样本的 (z₁, z₂)</translation>
    </message>
    <message>
        <source>&amp;Prior Samples</source>
        <translation>先验采样(&amp;P)</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Decoded draws from the prior N(0, I) (Ctrl+P)</source>
        <translation>从先验 N(0, I) 抽样并解码（Ctrl+P）</translation>
    </message>
    <message>
        <source>A panel with the decoder&apos;s images of random draws z ~ N(0, I) (Ctrl+P)</source>
        <translation>显示解码器对随机抽样 z ~ N(0, I) 生成的图像的面板（Ctrl+P）</translation>
    </message>
    <message>
        <source>%1 draws of z ~ N(0, I), decoded (Bernoulli means). The same seed gives the same draws.</source>
        <translation type="vanished">%1 次抽样 z ~ N(0, I) 的解码结果（伯努利均值）。相同的种子给出相同的抽样。</translation>
    </message>
    <message>
        <source>The markers show z₁ and z₂ of the %1 dimensions.</source>
        <translation>标记显示 %1 个维度中的 z₁ 和 z₂。</translation>
    </message>
    <message>
        <source>Sampling: z ~ p(z) = N(0, I), decoded to E[x|z], the Bernoulli means. The samples look like digits because the KL term of the ELBO pulls every q&lt;sub&gt;φ&lt;/sub&gt;(z|x) towards N(0, I), so the codes of the training images fill the prior&apos;s mass. A plain autoencoder has no such term: its codes leave holes, and z drawn there decode to blur.</source>
        <translation type="vanished">采样：z ~ p(z) = N(0, I)，解码为伯努利均值 E[x|z]。样本看起来像数字，是因为 ELBO 的 KL 项把每个 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) 拉向 N(0, I)，使训练图像的编码填满先验的质量。普通自编码器没有这一项：它的编码之间留有空洞，从空洞中抽取的 z 会被解码成模糊的图像。</translation>
    </message>
    <message>
        <source>Sampling: z ~ p(z) = N(0, I), decoded to E[x|z], the likelihood&apos;s means. The samples look like the data because the KL term of the ELBO pulls every q&lt;sub&gt;φ&lt;/sub&gt;(z|x) towards N(0, I), so the codes of the training examples fill the prior&apos;s mass. A plain autoencoder has no such term: its codes leave holes, and z drawn there decode to blur.</source>
        <translation>采样：z ~ p(z) = N(0, I)，解码为 E[x|z]，即似然的均值。样本看起来像数据，因为 ELBO 的 KL 项把每个 q&lt;sub&gt;φ&lt;/sub&gt;(z|x) 拉向 N(0, I)，使训练样本的编码填满先验的质量。普通自编码器没有这一项：它的编码留下空洞，从那里抽取的 z 解码后是模糊的。</translation>
    </message>
    <message>
        <source>%1 draws of z ~ N(0, I), decoded (the likelihood&apos;s means). The same seed gives the same draws.</source>
        <translation>%1 次抽样 z ~ N(0, I)，已解码（似然的均值）。相同的种子给出相同的抽样。</translation>
    </message>
</context>
<context>
    <name>vae::gui::RateDistortionPlot</name>
    <message>
        <source>rate R = KL(q(z|x) ‖ p(z))  [nats]</source>
        <translation>率 R = KL(q(z|x) ‖ p(z))  [奈特]</translation>
    </message>
    <message>
        <source>distortion D = −E[log p(x|z)]  [nats]</source>
        <translation>失真 D = −E[log p(x|z)]  [奈特]</translation>
    </message>
    <message>
        <source>Drag to pan · wheel to zoom · double-click to fit</source>
        <translation>拖动：平移 · 滚轮：缩放 · 双击：适应视图</translation>
    </message>
    <message>
        <source>−ELBO = %1</source>
        <translation>−ELBO = %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rate–distortion plane.&lt;/b&gt; Distortion &lt;nobr&gt;D = −&amp;#8288;E&lt;sub&gt;q&lt;/sub&gt;[log p(x|&amp;#8288;z)]&lt;/nobr&gt; is what the reconstructions lose; rate &lt;nobr&gt;R = KL(q(z|&amp;#8288;x) ‖ p(z))&lt;/nobr&gt; is how much information the code z carries about x, in nats. &lt;b&gt;&lt;nobr&gt;ELBO = −&amp;#8288;(D + R)&lt;/nobr&gt;&lt;/b&gt;: the dashed diagonals are lines of constant −ELBO, lower-left is better. Training moves down (better reconstructions) and usually right (more information in z). β weighs the rate: the objective is D + β·R, so β &amp;gt; 1 settles further left and higher (less rate, more distortion), β &amp;lt; 1 further right. An autoencoder has no KL term: it sits at rate 0 by definition. Points: mean of each %1 steps; circles: test set after each epoch.</source>
        <translation>&lt;b&gt;率–失真平面。&lt;/b&gt;失真 &lt;nobr&gt;D = −&amp;#8288;E&lt;sub&gt;q&lt;/sub&gt;[log p(x|&amp;#8288;z)]&lt;/nobr&gt; 衡量重构丢失了多少；率 &lt;nobr&gt;R = KL(q(z|&amp;#8288;x) ‖ p(z))&lt;/nobr&gt; 是编码 z 携带的关于 x 的信息量，单位为奈特。&lt;b&gt;&lt;nobr&gt;ELBO = −&amp;#8288;(D + R)&lt;/nobr&gt;&lt;/b&gt;：虚线对角线是 −ELBO 相等的线，越靠左下越好。训练时点向下移动（重构更好），通常也向右移动（z 中的信息更多）。β 为率加权：目标函数是 D + β·R，因此 β &amp;gt; 1 停在更靠左、更高的位置（率更低，失真更高），β &amp;lt; 1 更靠右。自编码器没有 KL 项：按定义它位于率 0 处。点：每 %1 步的均值；圆圈：每轮后的测试集。</translation>
    </message>
</context>
<context>
    <name>vae::gui::RateDistortionTool</name>
    <message>
        <source>Rate–Distortion</source>
        <translation>率–失真</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>本次训练</translation>
    </message>
    <message>
        <source>&amp;Rate–Distortion</source>
        <translation>率–失真(&amp;R)</translation>
    </message>
    <message>
        <source>The run&apos;s path in the plane of rate KL(q‖p) and distortion (reconstruction), with lines of constant ELBO (Ctrl+Shift+R)</source>
        <translation>训练在率 KL(q‖p) 与失真（重构）平面上的路径，以及 ELBO 相等的线（Ctrl+Shift+R）</translation>
    </message>
</context>
<context>
    <name>vae::gui::Session</name>
    <message>
        <source>Loading MNIST from %1…</source>
        <translation type="vanished">正在从 %1 加载 MNIST…</translation>
    </message>
    <message>
        <source>No training data: Start is disabled.</source>
        <translation>没有训练数据：“开始”已禁用。</translation>
    </message>
    <message>
        <source>Cannot load MNIST</source>
        <translation type="vanished">无法加载 MNIST</translation>
    </message>
    <message>
        <source>Loaded %1 training and %2 test images.</source>
        <translation type="vanished">已加载 %1 张训练图像和 %2 张测试图像。</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>无法开始训练</translation>
    </message>
    <message>
        <source>The MNIST data is not loaded, so there is nothing to train on.</source>
        <translation type="vanished">MNIST 数据尚未加载，没有可训练的数据。</translation>
    </message>
    <message>
        <source>Invalid settings</source>
        <translation>设置无效</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Cannot open a model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Training is running, so %1 was not opened. Stop training first (Training ▸ Stop, Shift+F5), then open the model again; the run so far stays in the window and can be saved.</source>
        <translation>训练正在进行，因此未打开 %1。请先停止训练（训练 ▸ 停止，Shift+F5），然后重新打开该模型；本次训练的结果保留在窗口中，可以保存。</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开该模型</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>Train or open a model first.</source>
        <translation>请先训练或打开一个模型。</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="vanished">已保存 %1</translation>
    </message>
    <message>
        <source>Encoding the test set…</source>
        <translation>正在编码测试集…</translation>
    </message>
    <message>
        <source>Cannot encode the test set</source>
        <translation>无法编码测试集</translation>
    </message>
    <message>
        <source>Encoding the training set…</source>
        <translation>正在编码训练集…</translation>
    </message>
    <message>
        <source>Cannot encode the training set</source>
        <translation>无法编码训练集</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot load %1</source>
        <translation>无法加载 %1</translation>
    </message>
    <message>
        <source>Loaded %1: %2 training and %3 test examples.</source>
        <translation>已加载 %1：%2 个训练样本，%3 个测试样本。</translation>
    </message>
    <message>
        <source>The data is not loaded, so there is nothing to train on.</source>
        <translation>数据尚未加载，没有可训练的数据。</translation>
    </message>
    <message>
        <source>The model does not fit the data</source>
        <translation>模型与数据不匹配</translation>
    </message>
    <message>
        <source>%1 was trained on %2 (%3 values per example), but the data loaded is %4 (%5 values per example): open it with --dataset %6.</source>
        <translation>%1 是在 %2（每个样本 %3 个值）上训练的，但已加载的数据是 %4（每个样本 %5 个值）：请用 --dataset %6 打开。</translation>
    </message>
    <message>
        <source>Cannot open a dataset</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>Training is running, so %1 was not opened. Stop training first (Training ▸ Stop, Shift+F5), then open the dataset again.</source>
        <translation>正在训练，因此未打开 %1。请先停止训练（训练 ▸ 停止，Shift+F5），然后再打开该数据集。</translation>
    </message>
    <message>
        <source>%1 was not opened: another dataset is still loading.</source>
        <translation>未打开 %1：另一个数据集仍在加载。</translation>
    </message>
    <message>
        <source>Loaded %1; %2 was closed: its model takes examples of another size.</source>
        <translation>已加载 %1；%2 已关闭：其模型接受另一种尺寸的样本。</translation>
    </message>
    <message>
        <source>Stopped loading %1; %2 stays.</source>
        <translation>已停止加载 %1；保留 %2。</translation>
    </message>
    <message>
        <source>Stopped loading %1: there is no data to train on. Open a dataset from File ▸ Open Dataset.</source>
        <translation>已停止加载 %1：没有可训练的数据。请从 文件 ▸ 打开数据集 打开一个数据集。</translation>
    </message>
    <message>
        <source>These files could not be used and were skipped (%1 in all):</source>
        <translation>以下文件无法使用，已跳过（共 %1 个）：</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>……另有 %1 个。</translation>
    </message>
    <message>
        <source>Some files in %1 were skipped</source>
        <translation>%1 中有文件被跳过</translation>
    </message>
    <message>
        <source>Cannot continue training</source>
        <translation>无法继续训练</translation>
    </message>
    <message>
        <source>Open a model or train one first: there is no run to continue.</source>
        <translation>请先打开或训练一个模型：没有可继续的训练。</translation>
    </message>
    <message>
        <source>This model was saved without its optimizer state: training continues with a fresh Adam optimizer.</source>
        <translation>此模型保存时未包含优化器状态：训练将以新的 Adam 优化器继续。</translation>
    </message>
    <message>
        <source>Saved %1 at step %2; File ▸ Continue Training carries on from there.</source>
        <translation>已保存 %1（第 %2 步）；“文件 ▸ 继续训练”可从这里接着训练。</translation>
    </message>
    <message>
        <source>Saved %1 (the weights, without the optimizer state).</source>
        <translation>已保存 %1（仅权重，不含优化器状态）。</translation>
    </message>
    <message>
        <source>Cannot follow the run</source>
        <translation>无法跟踪该训练</translation>
    </message>
    <message>
        <source>Training is running, so %1 is not followed. Stop training first (Training ▸ Stop, Shift+F5).</source>
        <translation>正在训练，因此未跟踪 %1。请先停止训练（训练 ▸ 停止，Shift+F5）。</translation>
    </message>
    <message>
        <source>The followed run cannot be read</source>
        <translation>无法读取正在跟踪的训练</translation>
    </message>
    <message>
        <source>%1
Following has stopped; the last model read stays in the window.</source>
        <translation>%1
已停止跟踪；最后读取的模型仍保留在窗口中。</translation>
    </message>
    <message>
        <source>Following %1: %2 steps logged</source>
        <translation>正在跟踪 %1：已记录 %2 步</translation>
    </message>
    <message>
        <source>model at step %1 (%2 behind)</source>
        <translation>模型位于第 %1 步（落后 %2 步）</translation>
    </message>
    <message>
        <source>model at step %1</source>
        <translation>模型位于第 %1 步</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>last record %1 s ago</source>
        <translation>最后一条记录在 %1 秒前</translation>
    </message>
    <message>
        <source>the run has ended (%1)</source>
        <translation>训练已结束（%1）</translation>
    </message>
    <message>
        <source>Cannot restore the autosaved model</source>
        <translation>无法恢复自动保存的模型</translation>
    </message>
    <message>
        <source>Restored the autosaved model at step %1: File ▸ Continue Training carries its run on, File ▸ Save Model keeps it.</source>
        <translation>已恢复自动保存的模型（第 %1 步）：“文件 ▸ 继续训练”可接着训练，“文件 ▸ 保存模型”可将它保存。</translation>
    </message>
    <message>
        <source>There is no run to copy.</source>
        <translation>没有可复制的训练。</translation>
    </message>
    <message>
        <source>training did not pause within %1 s (the machine is busy).</source>
        <translation>训练未能在 %1 秒内暂停（机器繁忙）。</translation>
    </message>
</context>
<context>
    <name>vae::gui::SettingsPanel</name>
    <message>
        <source>Widths of the encoder&apos;s hidden layers, comma separated; the decoder mirrors them. Default: 512,256,256 for a 2-D latent, 512,256 otherwise.</source>
        <translation>编码器各隐藏层的宽度，以逗号分隔；解码器与之对称。默认：二维潜在空间为 512,256,256，其他为 512,256。</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Cosine decay</source>
        <translation>余弦衰减</translation>
    </message>
    <message>
        <source>Cosine: the learning rate falls from its value to 0 over the run (the epochs, or the time budget when one is set).</source>
        <translation>余弦：学习率在整个训练过程中（按轮数，或设置了时间预算时按时间）从设定值下降到 0。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>The learning rate rises linearly from 0 over this many steps.</source>
        <translation>学习率在这么多步内从 0 线性上升。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Stop training after this many seconds (pauses excluded), even if epochs remain.</source>
        <translation>训练这么多秒后停止（不计暂停时间），即使还有剩余的轮数。</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>β (&amp;KL weight):</source>
        <translation>β（KL 权重）(&amp;K)：</translation>
    </message>
    <message>
        <source>Latent &amp;dim:</source>
        <translation>潜在维度(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Hidden sizes:</source>
        <translation>隐藏层大小(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation type="vanished">种子(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation type="vanished">线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>LR s&amp;chedule:</source>
        <translation>学习率调度(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Warm-up:</source>
        <translation>预热(&amp;W)：</translation>
    </message>
    <message>
        <source>Time &amp;budget:</source>
        <translation>时间预算(&amp;B)：</translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>β-VAE</source>
        <translation>β-VAE</translation>
    </message>
    <message>
        <source>Autoencoder: z = μ, no sampling, loss = reconstruction only. VAE: β = 1. β-VAE: a VAE with β ≠ 1 (starts at β = %1). Fixed once training starts.</source>
        <translation>自编码器：z = μ，不采样，损失仅为重构。VAE：β = 1。β-VAE：β ≠ 1 的 VAE（从 β = %1 开始）。训练开始后不可更改。</translation>
    </message>
    <message>
        <source>Linear warm-up</source>
        <translation>线性预热</translation>
    </message>
    <message>
        <source>Cyclical</source>
        <translation>周期性</translation>
    </message>
    <message>
        <source>How the KL weight follows training; may change while training.</source>
        <translation>KL 权重随训练的变化方式；训练中可以更改。</translation>
    </message>
    <message>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <source> ep.</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>N: the length of the warm-up, or of each cycle.</source>
        <translation>N：预热的长度，或每个周期的长度。</translation>
    </message>
    <message>
        <source>&lt;small&gt;&lt;b&gt;Loss&lt;/b&gt; = reconstruction + β·KL(q(z|x) ‖ p(z)). VAE: β = 1 (the loss is −ELBO); β-VAE: β ≠ 1; autoencoder: z = μ, no sampling, no KL. &lt;b&gt;KL warm-up&lt;/b&gt;: linear β&lt;sub&gt;eff&lt;/sub&gt; = β·min(1, e/N), e = epochs done, lets the decoder learn to use z before the KL pulls the codes to the prior (Bowman et al. 2016); cyclical repeats the rise every N epochs (Fu et al. 2019). Changes apply from the next step and are marked on the loss plot.&lt;/small&gt;</source>
        <translation>&lt;small&gt;&lt;b&gt;损失&lt;/b&gt; = 重构 + β·KL(q(z|x) ‖ p(z))。VAE：β = 1（损失即 −ELBO）；β-VAE：β ≠ 1；自编码器：z = μ，不采样，没有 KL。&lt;b&gt;KL 预热&lt;/b&gt;：线性 β&lt;sub&gt;eff&lt;/sub&gt; = β·min(1, e/N)，e 为已完成的轮数，让解码器先学会利用 z，再由 KL 把编码拉向先验（Bowman 等 2016）；周期性调度每 N 轮重复一次上升（Fu 等 2019）。更改从下一步起生效，并标记在损失图上。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="vanished">模型(&amp;M)：</translation>
    </message>
    <message>
        <source>KL sche&amp;dule:</source>
        <translation>KL 调度(&amp;D)：</translation>
    </message>
    <message>
        <source>The decoder&apos;s p(x|z), whose −log is the reconstruction term. Bernoulli: exact for binary data, the usual choice for grey levels (as in the literature). Continuous Bernoulli: a proper density on [0, 1] for grey levels (Loaiza-Ganem &amp; Cunningham 2019). Gaussian: real values, with a calibrated σ (Rybkin et al. 2021). Applies at the next Start; the default follows the data.</source>
        <translation>解码器的 p(x|z)，其 −log 即重构项。伯努利：对二值数据是精确的，也是灰度数据的常用选择（与文献一致）。连续伯努利：[0, 1] 上的真正概率密度，适合灰度（Loaiza-Ganem &amp; Cunningham 2019）。高斯：实数值，使用校准的 σ（Rybkin et al. 2021）。在下次开始训练时生效；默认值随数据而定。</translation>
    </message>
    <message>
        <source>&amp;Model, p(x|z):</source>
        <translation>模型与 p(x|z)(&amp;M)：</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Convolutional</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>MLP: fully connected layers. Convolutional: 4×4 convolutions with stride 2, one per channel count (each halves the image), then the hidden layers; the decoder mirrors them with transposed convolutions. For images. Fixed once training starts.</source>
        <translation>MLP：全连接层。卷积：每个通道数对应一个步长为 2 的 4×4 卷积（每层把图像边长减半），之后是隐藏层；解码器用转置卷积镜像这些层。适用于图像。训练开始后不可更改。</translation>
    </message>
    <message>
        <source>Channels of the convolutional layers, comma separated, first layer first. Each layer halves the image&apos;s sides, so 28×28 images take at most 4 layers.</source>
        <translation>卷积层的通道数，以逗号分隔，从第一层开始。每层把图像边长减半，因此 28×28 的图像最多 4 层。</translation>
    </message>
    <message>
        <source>&amp;Architecture:</source>
        <translation>结构(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Seed, threads:</source>
        <translation>种子、线程(&amp;S)：</translation>
    </message>
    <message>
        <source>Seeds the initial weights, the order of the examples and ε.</source>
        <translation>决定初始权重、样本顺序和 ε 的随机种子。</translation>
    </message>
    <message>
        <source>CPU threads for training; all cores by default.</source>
        <translation>训练使用的 CPU 线程数；默认使用全部核心。</translation>
    </message>
    <message>
        <source>%1 is a table, not images</source>
        <translation>%1 是表格，不是图像</translation>
    </message>
</context>
<context>
    <name>vae::gui::TileCountBox</name>
    <message>
        <source>Tiles per side of the manifold grids (%1–%2)</source>
        <translation>流形网格每边的图块数（%1–%2）</translation>
    </message>
</context>
<context>
    <name>vae::gui::TimelapseTool</name>
    <message>
        <source>Time-lapse</source>
        <translation>延时回放</translation>
    </message>
    <message>
        <source>Scrub through the latent space at each epoch end</source>
        <translation>拖动浏览每轮结束时的潜在空间</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow training again</source>
        <translation>重新跟随训练</translation>
    </message>
    <message>
        <source>The decoder&apos;s images at the prior&apos;s quantiles with this epoch&apos;s weights</source>
        <translation>用本轮的权重在先验分位数处解码的图像</translation>
    </message>
    <message>
        <source>No epochs yet</source>
        <translation>尚无轮次</translation>
    </message>
    <message>
        <source>When this many frames are kept, every other one is dropped: the whole run stays covered at half the resolution</source>
        <translation>保留的帧数达到此值时，每隔一帧丢弃一帧：整个训练过程仍被覆盖，分辨率减半</translation>
    </message>
    <message>
        <source>Keep at most</source>
        <translation>最多保留</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Include the manifold in exports</source>
        <translation>导出时包含流形</translation>
    </message>
    <message>
        <source>Export PNG sequence…</source>
        <translation>导出 PNG 序列…</translation>
    </message>
    <message>
        <source>Export animated GIF…</source>
        <translation>导出 GIF 动画…</translation>
    </message>
    <message>
        <source>Export Time-lapse as PNG Sequence…</source>
        <translation>将延时回放导出为 PNG 序列…</translation>
    </message>
    <message>
        <source>Write one PNG per kept epoch into a folder</source>
        <translation>将保留的每一轮写成一个 PNG，存入一个文件夹</translation>
    </message>
    <message>
        <source>Export Time-lapse as Animated GIF…</source>
        <translation>将延时回放导出为 GIF 动画…</translation>
    </message>
    <message>
        <source>Write the kept epochs as an animated GIF</source>
        <translation>将保留的各轮写成一个 GIF 动画</translation>
    </message>
    <message>
        <source>Export PNG Sequence</source>
        <translation>导出 PNG 序列</translation>
    </message>
    <message>
        <source>Export Animated GIF</source>
        <translation>导出 GIF 动画</translation>
    </message>
    <message>
        <source>GIF images (*.gif)</source>
        <translation>GIF 图像 (*.gif)</translation>
    </message>
    <message>
        <source>&amp;Time-lapse</source>
        <translation>延时回放(&amp;T)</translation>
    </message>
    <message>
        <source>Replay the latent space epoch by epoch (Ctrl+L)</source>
        <translation>逐轮回放潜在空间（Ctrl+L）</translation>
    </message>
    <message>
        <source>A panel to scrub, replay and export the latent space at each epoch end (Ctrl+L)</source>
        <translation>用于拖动浏览、回放和导出每轮结束时潜在空间的面板（Ctrl+L）</translation>
    </message>
    <message>
        <source>%1 frames, %2 MB</source>
        <translation>%1 帧，%2 MB</translation>
    </message>
    <message>
        <source>No manifold for this epoch</source>
        <translation>本轮没有流形</translation>
    </message>
    <message>
        <source>epoch %1 of %2 (live)</source>
        <translation>第 %1 轮，共 %2 轮（实时）</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cannot decode the time-lapse manifold</source>
        <translation>无法解码延时回放的流形</translation>
    </message>
    <message>
        <source>Cannot export the time-lapse</source>
        <translation>无法导出延时回放</translation>
    </message>
    <message>
        <source>There are no frames yet.</source>
        <translation>还没有帧。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>A frame is kept at each epoch&apos;s end: the test images&apos; posterior means μ and the decoder&apos;s images at the prior&apos;s quantiles. Training maximises ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p&lt;sub&gt;θ&lt;/sub&gt;(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z)): early on the KL term squeezes all codes towards N(0, I); as the reconstruction term improves, the digits separate into clusters.</source>
        <translation>每轮结束时保存一帧：测试图像的后验均值 μ，以及解码器在先验分位数处生成的图像。训练最大化 ELBO = E&lt;sub&gt;q&lt;/sub&gt;[log p&lt;sub&gt;θ&lt;/sub&gt;(x|z)] − KL(q&lt;sub&gt;φ&lt;/sub&gt;(z|x) ‖ p(z))：训练初期 KL 项把所有编码压向 N(0, I)；随着重构项改善，各个数字逐渐分成不同的簇。</translation>
    </message>
</context>
<context>
    <name>vae::gui::ToolContext</name>
    <message>
        <source>Cannot decode</source>
        <translation>无法解码</translation>
    </message>
    <message>
        <source>digit %1</source>
        <translation>数字 %1</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
</context>
<context>
    <name>vae::gui::TraversalPanel</name>
    <message>
        <source>z%1</source>
        <translation>z%1</translation>
    </message>
    <message>
        <source>From Selected Point</source>
        <translation>从选中的点开始</translation>
    </message>
    <message>
        <source>Start from the latent point last decoded in the main window</source>
        <translation>从主窗口中最后解码的潜在点开始</translation>
    </message>
    <message>
        <source>From Zero</source>
        <translation>从零开始</translation>
    </message>
    <message>
        <source>Start from z = 0, the prior&apos;s mean</source>
        <translation>从 z = 0（先验的均值）开始</translation>
    </message>
    <message>
        <source>Images per row: each dimension from %1 to %2</source>
        <translation>每行图像数：每个维度从 %1 到 %2</translation>
    </message>
    <message>
        <source>Export Grid…</source>
        <translation>导出网格…</translation>
    </message>
    <message>
        <source>Save the grid as a PNG, 28 pixels per image</source>
        <translation type="vanished">将网格保存为 PNG，每张图像 28 像素</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Row d: z_d swept from %1 (left) to %2 (right), the other dimensions at the sliders&apos; values</source>
        <translation>第 d 行：z_d 从 %1（左）扫到 %2（右），其余维度取滑块的值</translation>
    </message>
    <message>
        <source>Traversal grid</source>
        <translation>遍历网格</translation>
    </message>
    <message>
        <source>Traversal changes one dimension z&lt;sub&gt;d&lt;/sub&gt; while the others stay fixed, to show what it encodes. Its share of the KL term has a closed form: KL&lt;sub&gt;d&lt;/sub&gt; = ½ (μ&lt;sub&gt;d&lt;/sub&gt;² + σ&lt;sub&gt;d&lt;/sub&gt;² − 1 − log σ&lt;sub&gt;d&lt;/sub&gt;²). A dimension with KL&lt;sub&gt;d&lt;/sub&gt; ≈ 0 for every image has q(z&lt;sub&gt;d&lt;/sub&gt;|x) = N(0, 1): it carries no information and the decoder ignores it (an inactive unit).</source>
        <translation>遍历改变一个维度 z&lt;sub&gt;d&lt;/sub&gt; 而保持其他维度不变，以展示它编码了什么。它在 KL 项中所占的部分有闭式解：KL&lt;sub&gt;d&lt;/sub&gt; = ½ (μ&lt;sub&gt;d&lt;/sub&gt;² + σ&lt;sub&gt;d&lt;/sub&gt;² − 1 − log σ&lt;sub&gt;d&lt;/sub&gt;²)。若某维度对每张图像都有 KL&lt;sub&gt;d&lt;/sub&gt; ≈ 0，则 q(z&lt;sub&gt;d&lt;/sub&gt;|x) = N(0, 1)：它不携带任何信息，解码器会忽略它（不活跃单元）。</translation>
    </message>
    <message>
        <source>No model yet: train or open one.</source>
        <translation>还没有模型：请训练或打开一个。</translation>
    </message>
    <message>
        <source>Cannot decode: %1</source>
        <translation>无法解码：%1</translation>
    </message>
    <message>
        <source>Cannot decode the grid: %1</source>
        <translation>无法解码网格：%1</translation>
    </message>
    <message>
        <source>Decode: %1 ms for one image, %2 ms for the grid (%3 images)</source>
        <translation>解码：单张图像 %1 毫秒，网格 %2 毫秒（%3 张图像）</translation>
    </message>
    <message>
        <source>There is no grid to export: train or open a model first.</source>
        <translation>没有可导出的网格：请先训练或打开一个模型。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export Traversal Grid</source>
        <translation>导出遍历网格</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save the grid as a PNG, one pixel per image pixel</source>
        <translation>将网格保存为 PNG，每个图像像素一个像素</translation>
    </message>
</context>
<context>
    <name>vae::gui::TraversalTool</name>
    <message>
        <source>Traversal</source>
        <translation>遍历</translation>
    </message>
    <message>
        <source>&amp;Traversal</source>
        <translation>遍历(&amp;T)</translation>
    </message>
    <message>
        <source>Sliders for every latent dimension and a traversal grid (Ctrl+R)</source>
        <translation>每个潜在维度的滑块和遍历网格（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>vae::gui::UnsavedWorkGuard</name>
    <message>
        <source>Training is running: closing the window stops it. Save the model trained so far before closing?</source>
        <translation>训练正在进行：关闭窗口会停止训练。关闭前是否保存目前训练的模型？</translation>
    </message>
    <message>
        <source>The model trained in this session has not been saved. Save it before closing?</source>
        <translation>本次会话中训练的模型尚未保存。关闭前是否保存？</translation>
    </message>
    <message>
        <source>Discard stops training and closes without saving; Cancel keeps training.</source>
        <translation>“放弃”会停止训练并直接关闭，不保存；“取消”则继续训练。</translation>
    </message>
    <message>
        <source>Close VAE Explorer</source>
        <translation>关闭 VAE Explorer</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Opening %1 replaces the model trained in this session, which has not been saved. Save it first?</source>
        <translation>打开 %1 将替换本次会话中训练的模型，而该模型尚未保存。是否先保存？</translation>
    </message>
    <message>
        <source>The model restored from an autosave has not been saved. Save it before closing?</source>
        <translation>从自动保存恢复的模型尚未保存。关闭前要保存它吗？</translation>
    </message>
    <message>
        <source>Opening %1 replaces the model restored from an autosave, which has not been saved. Save it first?</source>
        <translation>打开 %1 会替换从自动保存恢复、尚未保存的模型。要先保存它吗？</translation>
    </message>
</context>
<context>
    <name>vae::gui::WorstListModel</name>
    <message>
        <source>Test image #%1, digit %2
reconstruction %3 nats, KL %4 nats, ELBO %5 nats</source>
        <translation type="vanished">测试图像 #%1，数字 %2
重构 %3 奈特，KL %4 奈特，ELBO %5 奈特</translation>
    </message>
    <message>
        <source>−E_q[log p(x|z)] in nats (the list&apos;s Monte-Carlo estimate)</source>
        <translation>−E_q[log p(x|z)]，单位为奈特（列表的蒙特卡洛估计）</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Digit</source>
        <translation type="vanished">数字</translation>
    </message>
    <message>
        <source>Reconstruction (nats)</source>
        <translation>重构（奈特）</translation>
    </message>
    <message>
        <source>Test image #%1, %2
reconstruction %3 nats, KL %4 nats, ELBO %5 nats</source>
        <translation>测试图像 #%1，%2
重构 %3 奈特，KL %4 奈特，ELBO %5 奈特</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
</context>
</TS>
