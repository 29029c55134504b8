#include "shell/settingspanel.h"

#include "session/likelihoodtext.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <limits>
#include <string>

namespace vae::gui {

namespace {

// The boxes accept more than TrainingConfig::validate() allows on purpose: validate() then names
// the field and its range, instead of the box silently clamping what the user typed.
constexpr int kMaxEpochs = 100000;
constexpr int kMaxBatchSize = 1000000;
constexpr int kMaxLatentDim = 1024;
constexpr int kMaxThreads = 1024;
constexpr int kMaxWarmupSteps = 1000000;
constexpr double kMaxTimeBudgetSeconds = 7 * 24 * 3600.0;

/// Shows 0.001 rather than 0.001000: the many decimals are there for small learning rates, not
/// to pad every value.
class CompactDoubleSpinBox final : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', decimals());
        const QChar point = locale().decimalPoint().front();
        if (text.contains(point)) {
            while (text.endsWith(QLatin1Char('0')))
                text.chop(1);
            if (text.endsWith(point))
                text.chop(1);
        }
        return text;
    }
};

} // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent)
{
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(0, kMaxEpochs);

    m_batchSize = new QSpinBox(this);
    m_batchSize->setRange(0, kMaxBatchSize);

    m_learningRate = new CompactDoubleSpinBox(this);
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(0.0, 10.0);
    m_learningRate->setSingleStep(1e-4);
    // Applying a half-typed value like "0.0" to a live run would upset training.
    m_learningRate->setKeyboardTracking(false);

    m_beta = new CompactDoubleSpinBox(this);
    m_beta->setDecimals(3);
    m_beta->setRange(0.0, 1000.0);
    m_beta->setSingleStep(0.1);
    m_beta->setKeyboardTracking(false);

    m_latentDim = new QSpinBox(this);
    m_latentDim->setRange(0, kMaxLatentDim);

    m_hiddenSizes = new QLineEdit(this);
    m_hiddenSizes->setPlaceholderText(QStringLiteral("512,256"));
    m_hiddenSizes->setToolTip(tr("Widths of the encoder's hidden layers, comma separated; "
                                 "the decoder mirrors them. Default: 512,256,256 for a 2-D "
                                 "latent, 512,256 otherwise."));

    m_architecture = new QComboBox(this);
    // The data is TrainingConfig::architecture's spelling.
    m_architecture->addItem(tr("MLP"), QStringLiteral("mlp"));
    m_architecture->addItem(tr("Convolutional"), QStringLiteral("conv"));
    m_architecture->setToolTip(
        tr("MLP: fully connected layers. Convolutional: 4×4 convolutions with stride 2, one per "
           "channel count (each halves the image), then the hidden layers; the decoder mirrors "
           "them with transposed convolutions. For images. Fixed once training starts."));
    m_channels = new QLineEdit(this);
    m_channels->setPlaceholderText(QStringLiteral("32,32,64,64"));
    m_channels->setToolTip(tr("Channels of the convolutional layers, comma separated, first layer "
                              "first. Each layer halves the image's sides, so 28×28 images take "
                              "at most 4 layers."));

    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());

    m_threads = new QSpinBox(this);
    m_threads->setRange(0, kMaxThreads);
    m_threads->setSpecialValueText(tr("all cores"));

    m_schedule = new QComboBox(this);
    // The data is TrainingConfig::lrSchedule's spelling; the text is for people.
    m_schedule->addItem(tr("Constant"), QStringLiteral("constant"));
    m_schedule->addItem(tr("Cosine decay"), QStringLiteral("cosine"));
    m_schedule->setToolTip(tr("Cosine: the learning rate falls from its value to 0 over the run "
                              "(the epochs, or the time budget when one is set)."));

    m_warmupSteps = new QSpinBox(this);
    m_warmupSteps->setRange(0, kMaxWarmupSteps);
    m_warmupSteps->setSpecialValueText(tr("none"));
    m_warmupSteps->setSuffix(tr(" steps"));
    m_warmupSteps->setToolTip(tr("The learning rate rises linearly from 0 over this many steps."));

    m_timeBudget = new CompactDoubleSpinBox(this);
    m_timeBudget->setDecimals(1);
    m_timeBudget->setRange(0.0, kMaxTimeBudgetSeconds);
    m_timeBudget->setSingleStep(10.0);
    m_timeBudget->setSpecialValueText(tr("none"));
    m_timeBudget->setSuffix(tr(" s"));
    m_timeBudget->setToolTip(tr("Stop training after this many seconds (pauses excluded), "
                                "even if epochs remain."));

    m_modelKind = new QComboBox(this);
    m_modelKind->addItem(tr("Autoencoder"), QStringLiteral("autoencoder"));
    m_modelKind->addItem(tr("VAE"), QStringLiteral("vae"));
    m_modelKind->addItem(tr("β-VAE"), QStringLiteral("beta-vae"));
    m_modelKind->setToolTip(tr("Autoencoder: z = μ, no sampling, loss = reconstruction only. "
                               "VAE: β = 1. β-VAE: a VAE with β ≠ 1 (starts at β = %1)."
                               " Fixed once training starts.")
                                .arg(vae::TrainingConfig::kBetaVaePreset));

    m_klSchedule = new QComboBox(this);
    m_klSchedule->addItem(tr("Constant"), QStringLiteral("constant"));
    m_klSchedule->addItem(tr("Linear warm-up"), QStringLiteral("linear"));
    m_klSchedule->addItem(tr("Cyclical"), QStringLiteral("cyclical"));
    m_klSchedule->setToolTip(tr("How the KL weight follows training; may change while training."));

    m_klEpochs = new CompactDoubleSpinBox(this);
    m_klEpochs->setDecimals(2);
    m_klEpochs->setRange(0.0, kMaxEpochs); // 0 is refused by validate(), with its message
    m_klEpochs->setSingleStep(1.0);
    m_klEpochs->setPrefix(tr("N = "));
    m_klEpochs->setSuffix(tr(" ep."));
    m_klEpochs->setKeyboardTracking(false);
    m_klEpochs->setToolTip(tr("N: the length of the warm-up, or of each cycle."));

    m_likelihood = new QComboBox(this);
    for (const vae::Likelihood likelihood :
         {vae::Likelihood::Bernoulli, vae::Likelihood::ContinuousBernoulli,
          vae::Likelihood::Gaussian}) {
        QString title = likelihoodTitle(likelihood);
        title[0] = title[0].toUpper();
        m_likelihood->addItem(title, QString::fromUtf8(vae::likelihoodName(likelihood)));
    }
    m_likelihood->setToolTip(
        tr("The decoder's p(x|z), whose −log is the reconstruction term. Bernoulli: exact for "
           "binary data, the usual choice for grey levels (as in the literature). Continuous "
           "Bernoulli: a proper density on [0, 1] for grey levels (Loaiza-Ganem & Cunningham "
           "2019). Gaussian: real values, with a calibrated σ (Rybkin et al. 2021). Applies at "
           "the next Start; the default follows the data."));

    m_explanation = new QLabel(this);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setText(
        tr("<small><b>Loss</b> = reconstruction + β·KL(q(z|x) ‖ p(z)). VAE: β = 1 (the loss is "
           "−ELBO); β-VAE: β ≠ 1; autoencoder: z = μ, no sampling, no KL. <b>KL warm-up</b>: "
           "linear β<sub>eff</sub> = β·min(1, e/N), e = epochs done, lets the decoder learn to use "
           "z before the KL pulls the codes to the prior (Bowman et al. 2016); cyclical repeats "
           "the rise every N epochs (Fu et al. 2019). Changes apply from the next step and are "
           "marked on the loss plot.</small>"));

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    outer->addLayout(form);
    outer->addWidget(m_explanation);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The model kind and its likelihood p(x|z) share a row, as the KL schedule and N do.
    auto* modelRow = new QHBoxLayout;
    modelRow->setContentsMargins(0, 0, 0, 0);
    modelRow->addWidget(m_modelKind, 1);
    modelRow->addWidget(m_likelihood, 1);
    auto* modelLabel = new QLabel(tr("&Model, p(x|z):"), this);
    modelLabel->setBuddy(m_modelKind);
    form->addRow(modelLabel, modelRow);
    form->addRow(tr("&Epochs:"), m_epochs);
    form->addRow(tr("&Batch size:"), m_batchSize);
    form->addRow(tr("&Learning rate:"), m_learningRate);
    form->addRow(tr("β (&KL weight):"), m_beta);
    // Schedule and N share a row: the side panel's height is scarce.
    auto* klRow = new QHBoxLayout;
    klRow->setContentsMargins(0, 0, 0, 0);
    klRow->addWidget(m_klSchedule, 3);
    klRow->addWidget(m_klEpochs, 2);
    auto* klLabel = new QLabel(tr("KL sche&dule:"), this);
    klLabel->setBuddy(m_klSchedule); // a row holding a layout gets no buddy by itself
    form->addRow(klLabel, klRow);
    auto* architectureRow = new QHBoxLayout;
    architectureRow->setContentsMargins(0, 0, 0, 0);
    architectureRow->addWidget(m_architecture, 1);
    architectureRow->addWidget(m_channels, 1);
    auto* architectureLabel = new QLabel(tr("&Architecture:"), this);
    architectureLabel->setBuddy(m_architecture);
    form->addRow(architectureLabel, architectureRow);
    form->addRow(tr("Latent &dim:"), m_latentDim);
    form->addRow(tr("&Hidden sizes:"), m_hiddenSizes);
    // Seed and threads share a row, which the architecture's row took.
    auto* runRow = new QHBoxLayout;
    runRow->setContentsMargins(0, 0, 0, 0);
    runRow->addWidget(m_seed, 1);
    runRow->addWidget(m_threads, 1);
    auto* runLabel = new QLabel(tr("&Seed, threads:"), this);
    runLabel->setBuddy(m_seed);
    m_seed->setToolTip(tr("Seeds the initial weights, the order of the examples and ε."));
    m_threads->setToolTip(tr("CPU threads for training; all cores by default."));
    form->addRow(runLabel, runRow);
    form->addRow(tr("LR s&chedule:"), m_schedule);
    form->addRow(tr("&Warm-up:"), m_warmupSteps);
    form->addRow(tr("Time &budget:"), m_timeBudget);

    connect(m_latentDim, &QSpinBox::valueChanged, this, [this](int latentDim) {
        const std::vector<int> shown = shownHiddenSizes();
        const std::string architecture = shownArchitecture();
        if (shown == vae::TrainingConfig::defaultHiddenSizes(m_shownLatentDim, architecture))
            m_hiddenSizes->setText(QString::fromStdString(vae::formatHiddenSizes(
                vae::TrainingConfig::defaultHiddenSizes(latentDim, architecture))));
        m_shownLatentDim = latentDim;
    });
    connect(m_architecture, &QComboBox::activated, this, &SettingsPanel::onArchitectureChosen);
    connect(m_beta, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::betaChanged);
    connect(m_beta, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::showModelName);
    connect(m_modelKind, &QComboBox::activated, this, &SettingsPanel::onModelKindChosen);
    auto emitSchedule = [this] {
        updateEnabled();
        emit klScheduleChanged(m_klSchedule->currentData().toString(), m_klEpochs->value());
    };
    connect(m_klSchedule, &QComboBox::activated, this, emitSchedule);
    connect(m_klEpochs, &QDoubleSpinBox::valueChanged, this, emitSchedule);
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this,
            &SettingsPanel::learningRateChanged);
    connect(m_likelihood, &QComboBox::activated, this, [this] {
        m_chosenLikelihood = shownLikelihood();
        emit likelihoodChanged(*m_chosenLikelihood);
    });

    setConfig(vae::TrainingConfig{});
}

void SettingsPanel::setConfig(const vae::TrainingConfig& config)
{
    m_base = config;
    // Programmatic changes are not user edits: a live trainer must not hear about them.
    const QSignalBlocker blockBeta(m_beta);
    const QSignalBlocker blockRate(m_learningRate);
    const QSignalBlocker blockKlEpochs(m_klEpochs);
    const int kind = m_modelKind->findData(QString::fromStdString(config.modelName()));
    m_modelKind->setCurrentIndex(kind >= 0 ? kind : 1);
    const int klSchedule = m_klSchedule->findData(QString::fromStdString(config.klSchedule));
    m_klSchedule->setCurrentIndex(klSchedule >= 0 ? klSchedule : 0);
    m_klEpochs->setValue(config.klWarmupEpochs);
    m_epochs->setValue(config.epochs);
    m_batchSize->setValue(config.batchSize);
    m_learningRate->setValue(config.learningRate);
    m_beta->setValue(config.beta);
    m_shownLatentDim = config.latentDim; // before setValue: the given sizes are not replaced
    m_latentDim->setValue(config.latentDim);
    m_hiddenSizes->setText(QString::fromStdString(vae::formatHiddenSizes(config.hiddenSizes)));
    const int architecture =
        m_architecture->findData(QString::fromStdString(config.architecture));
    m_architecture->setCurrentIndex(architecture >= 0 ? architecture : 0);
    // An MLP's config carries no channels worth showing: the data's default stays.
    m_channels->setText(QString::fromStdString(
        vae::formatHiddenSizes(config.isConvolutional() ? config.convChannels : m_defaultChannels)));
    m_seed->setValue(
        static_cast<int>(std::min<std::uint64_t>(config.seed, std::numeric_limits<int>::max())));
    m_threads->setValue(config.threads);
    const int schedule = m_schedule->findData(QString::fromStdString(config.lrSchedule));
    m_schedule->setCurrentIndex(schedule >= 0 ? schedule : 0);
    m_warmupSteps->setValue(config.warmupSteps);
    m_timeBudget->setValue(config.timeBudgetSeconds);
    showLikelihood(config.likelihood);
    updateEnabled();
}

void SettingsPanel::setData(const vae::DataDescription& data)
{
    auto* model = static_cast<QStandardItemModel*>(m_likelihood->model());
    for (int i = 0; i < m_likelihood->count(); ++i) {
        const vae::Likelihood likelihood =
            vae::parseLikelihood(m_likelihood->itemData(i).toString().toStdString());
        const QString mismatch = likelihoodMismatch(likelihood, data);
        model->item(i)->setEnabled(mismatch.isEmpty());
        m_likelihood->setItemData(i, mismatch.isEmpty() ? QVariant() : QVariant(mismatch),
                                  Qt::ToolTipRole);
    }
    const bool chosenFits =
        m_chosenLikelihood && likelihoodMismatch(*m_chosenLikelihood, data).isEmpty();
    showLikelihood(chosenFits ? *m_chosenLikelihood : vae::defaultLikelihood(data));

    // Channels still at the default of the previous data follow the new data's image size.
    std::vector<int> channels;
    try {
        channels = vae::parseConvChannels(m_channels->text().trimmed().toStdString());
    } catch (const std::exception&) {
        // the user's half-typed text stays as it is
    }
    const std::vector<int> dataDefault =
        vae::TrainingConfig::defaultConvChannels(data.height, data.width);
    if (channels == m_defaultChannels)
        m_channels->setText(QString::fromStdString(vae::formatHiddenSizes(dataDefault)));
    m_defaultChannels = dataDefault;

    // Convolutions need images: a table (one row of features) gets the MLP.
    const bool images = data.height >= 2 && data.width >= 2;
    const int conv = m_architecture->findData(QStringLiteral("conv"));
    model = static_cast<QStandardItemModel*>(m_architecture->model());
    model->item(conv)->setEnabled(images);
    m_architecture->setItemData(
        conv, images ? QVariant() : QVariant(tr("%1 is a table, not images").arg(
                                        QString::fromStdString(data.name))),
        Qt::ToolTipRole);
    if (!images && m_architecture->currentIndex() == conv) {
        m_architecture->setCurrentIndex(m_architecture->findData(QStringLiteral("mlp")));
        updateEnabled();
    }
}

void SettingsPanel::chooseLikelihood(vae::Likelihood likelihood)
{
    m_chosenLikelihood = likelihood;
    showLikelihood(likelihood);
}

void SettingsPanel::showLikelihood(vae::Likelihood likelihood)
{
    const int index = m_likelihood->findData(QString::fromUtf8(vae::likelihoodName(likelihood)));
    if (index < 0 || index == m_likelihood->currentIndex())
        return;
    m_likelihood->setCurrentIndex(index);
    emit likelihoodChanged(likelihood);
}

vae::Likelihood SettingsPanel::shownLikelihood() const
{
    return vae::parseLikelihood(m_likelihood->currentData().toString().toStdString());
}

void SettingsPanel::chooseArchitecture(const std::string& architecture)
{
    const int index = m_architecture->findData(QString::fromStdString(architecture));
    auto* items = static_cast<QStandardItemModel*>(m_architecture->model());
    if (index < 0 || !items->item(index)->isEnabled())
        return;
    m_architecture->setCurrentIndex(index);
    onArchitectureChosen();
}

std::vector<int> SettingsPanel::shownHiddenSizes() const
{
    try {
        return vae::parseHiddenSizes(m_hiddenSizes->text().trimmed().toStdString());
    } catch (const std::exception&) {
        return {}; // half-typed text: matches no default, so it stays as it is
    }
}

void SettingsPanel::onArchitectureChosen()
{
    // Hidden sizes still at the other architecture's default follow the choice.
    const std::vector<int> shown = shownHiddenSizes();
    const std::string architecture = shownArchitecture();
    const std::string other = architecture == "conv" ? "mlp" : "conv";
    if (shown == vae::TrainingConfig::defaultHiddenSizes(m_shownLatentDim, other))
        m_hiddenSizes->setText(QString::fromStdString(vae::formatHiddenSizes(
            vae::TrainingConfig::defaultHiddenSizes(m_shownLatentDim, architecture))));
    updateEnabled();
}

std::string SettingsPanel::shownArchitecture() const
{
    return m_architecture->currentData().toString().toStdString();
}

vae::TrainingConfig SettingsPanel::toConfig() const
{
    vae::TrainingConfig config = m_base;
    config.epochs = m_epochs->value();
    config.batchSize = m_batchSize->value();
    config.learningRate = m_learningRate->value();
    config.beta = m_beta->value();
    config.latentDim = m_latentDim->value();
    config.hiddenSizes = vae::parseHiddenSizes(m_hiddenSizes->text().trimmed().toStdString());
    config.architecture = shownArchitecture();
    if (config.isConvolutional())
        config.convChannels = vae::parseConvChannels(m_channels->text().trimmed().toStdString());
    config.seed = static_cast<std::uint64_t>(m_seed->value());
    config.threads = m_threads->value();
    config.lrSchedule = m_schedule->currentData().toString().toStdString();
    config.warmupSteps = m_warmupSteps->value();
    config.timeBudgetSeconds = m_timeBudget->value();
    config.modelKind = m_modelKind->currentData().toString() == QLatin1String("autoencoder")
                           ? "autoencoder"
                           : "vae";
    config.klSchedule = m_klSchedule->currentData().toString().toStdString();
    config.klWarmupEpochs = m_klEpochs->value();
    config.likelihood = shownLikelihood();
    return config;
}

void SettingsPanel::setTrainingLocked(bool locked)
{
    m_locked = locked;
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_epochs, m_batchSize, m_likelihood, m_architecture, m_latentDim, m_hiddenSizes,
             m_seed, m_threads,
             m_schedule, m_warmupSteps, m_timeBudget})
        field->setEnabled(!locked);
    updateEnabled();
}

void SettingsPanel::updateEnabled()
{
    const bool autoencoder = m_modelKind->currentData().toString() == QLatin1String("autoencoder");
    // The kind is fixed for a run; an autoencoder has no KL term for β or a schedule to weigh.
    m_modelKind->setEnabled(!m_locked);
    m_beta->setEnabled(!autoencoder);
    m_klSchedule->setEnabled(!autoencoder);
    m_klEpochs->setEnabled(!autoencoder &&
                           m_klSchedule->currentData().toString() != QLatin1String("constant"));
    m_channels->setEnabled(!m_locked && shownArchitecture() == "conv");
}

void SettingsPanel::onModelKindChosen()
{
    const QString kind = m_modelKind->currentData().toString();
    if (kind == QLatin1String("vae"))
        m_beta->setValue(1.0);
    else if (kind == QLatin1String("beta-vae") && m_beta->value() == 1.0)
        m_beta->setValue(vae::TrainingConfig::kBetaVaePreset);
    updateEnabled();
}

void SettingsPanel::showModelName()
{
    if (m_modelKind->currentData().toString() == QLatin1String("autoencoder"))
        return;
    const int index = m_modelKind->findData(m_beta->value() == 1.0 ? QStringLiteral("vae")
                                                                   : QStringLiteral("beta-vae"));
    m_modelKind->setCurrentIndex(index);
}

} // namespace vae::gui
