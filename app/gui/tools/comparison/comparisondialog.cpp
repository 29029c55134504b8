#include "tools/comparison/comparisondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace vae::gui {

namespace {

// Gives the free functions' texts a translation context that lupdate recognises.
struct Comparison {
    Q_DECLARE_TR_FUNCTIONS(Comparison)
};

const QString kAeVae = QStringLiteral("ae-vae");
const QString kBeta = QStringLiteral("beta");
const QString kBetaSweep = QStringLiteral("beta-sweep");

QString formatBeta(double beta)
{
    return QLocale().toString(beta, 'g', 3);
}

} // namespace

QString ComparedModel::title() const
{
    switch (kind) {
    case Kind::Autoencoder:
        return Comparison::tr("Autoencoder");
    case Kind::Vae:
        return Comparison::tr("VAE (β = %1)").arg(formatBeta(beta));
    case Kind::BetaVae:
        return Comparison::tr("β-VAE (β = %1)").arg(formatBeta(beta));
    }
    return {};
}

QStringList comparisonPresetNames()
{
    return {kAeVae, kBeta, kBetaSweep};
}

std::optional<std::vector<ComparedModel>> comparisonPreset(const QString& name)
{
    using Kind = ComparedModel::Kind;
    if (name == kAeVae)
        return std::vector<ComparedModel>{{Kind::Autoencoder, 1}, {Kind::Vae, 1}};
    if (name == kBeta)
        return std::vector<ComparedModel>{{Kind::Vae, 1}, {Kind::BetaVae, 4}};
    if (name == kBetaSweep)
        return std::vector<ComparedModel>{{Kind::BetaVae, 0.5}, {Kind::Vae, 1}, {Kind::BetaVae, 4}};
    return std::nullopt;
}

vae::TrainingConfig comparisonConfig(const vae::TrainingConfig& base, const ComparedModel& model,
                                     int models)
{
    vae::TrainingConfig config = base;
    config.threads = std::max(1, base.effectiveThreads() / std::max(1, models));
    switch (model.kind) {
    case ComparedModel::Kind::Autoencoder:
        // z = μ, no sampling, no KL term (β and the KL schedule are ignored).
        config.modelKind = "autoencoder";
        break;
    case ComparedModel::Kind::Vae:
        config.modelKind = "vae";
        config.beta = 1;
        break;
    case ComparedModel::Kind::BetaVae:
        // A β-VAE is kind "vae" with β ≠ 1 (TrainingConfig::modelKind).
        config.modelKind = "vae";
        config.beta = model.beta;
        break;
    }
    return config;
}

ComparisonDialog::ComparisonDialog(const vae::TrainingConfig& base, QWidget* parent)
    : QDialog(parent), m_base(base)
{
    setWindowTitle(tr("Compare Models"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Trains two or three models at once, side by side, from the <b>same seed</b>: the "
           "same initial weights, the same batches in the same order. They differ only in "
           "their objective, so what you see differ is what the objective does."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* presetRow = new QFormLayout;
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("Autoencoder vs VAE"), kAeVae);
    m_preset->addItem(tr("VAE β = 1 vs β = 4"), kBeta);
    m_preset->addItem(tr("β = 0.5 / 1 / 4"), kBetaSweep);
    m_preset->addItem(tr("Custom"), QString());
    presetRow->addRow(tr("&Preset:"), m_preset);
    layout->addLayout(presetRow);

    auto* modelsBox = new QGroupBox(tr("Models"), this);
    auto* grid = new QGridLayout(modelsBox);
    grid->addWidget(new QLabel(tr("Kind"), modelsBox), 0, 1);
    grid->addWidget(new QLabel(tr("β (weight of the KL term)"), modelsBox), 0, 2);
    for (int i = 0; i < kMaxModels; ++i) {
        Row& row = m_rows[static_cast<std::size_t>(i)];
        row.enabled = new QCheckBox(tr("Model %1").arg(i + 1), modelsBox);
        row.enabled->setChecked(true);
        // At least two models: the first two are always on.
        row.enabled->setEnabled(i >= 2);
        row.kind = new QComboBox(modelsBox);
        row.kind->addItem(tr("Autoencoder"), int(ComparedModel::Kind::Autoencoder));
        row.kind->addItem(tr("VAE"), int(ComparedModel::Kind::Vae));
        row.kind->addItem(tr("β-VAE"), int(ComparedModel::Kind::BetaVae));
        row.kind->setToolTip(tr("Autoencoder: z = μ(x), no sampling, no KL term. VAE: "
                                "reconstruction + KL. β-VAE: reconstruction + β·KL."));
        row.beta = new QDoubleSpinBox(modelsBox);
        row.beta->setRange(0.01, 100);
        row.beta->setDecimals(2);
        row.beta->setSingleStep(0.5);
        row.beta->setValue(1);
        grid->addWidget(row.enabled, i + 1, 0);
        grid->addWidget(row.kind, i + 1, 1);
        grid->addWidget(row.beta, i + 1, 2);
        const auto toCustom = [this] {
            const QSignalBlocker blocker(m_preset);
            m_preset->setCurrentIndex(m_preset->count() - 1);
            updateRows();
        };
        connect(row.enabled, &QCheckBox::toggled, this, toCustom);
        connect(row.kind, &QComboBox::activated, this, toCustom);
        connect(row.beta, &QDoubleSpinBox::editingFinished, this, toCustom);
    }
    layout->addWidget(modelsBox);

    auto* form = new QFormLayout;
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, vae::TrainingConfig::kMaxEpochs);
    m_epochs->setValue(base.epochs);
    form->addRow(tr("&Epochs:"), m_epochs);
    m_batch = new QSpinBox(this);
    m_batch->setRange(1, 60000);
    m_batch->setValue(base.batchSize);
    form->addRow(tr("&Batch size:"), m_batch);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(static_cast<int>(
        std::min<std::uint64_t>(base.seed, std::uint64_t(std::numeric_limits<int>::max()))));
    m_seed->setToolTip(tr("One seed for all models: same initial weights, same batches, same ε"));
    form->addRow(tr("&Seed (all models):"), m_seed);
    layout->addLayout(form);

    m_threads = new QLabel(this);
    m_threads->setWordWrap(true);
    m_threads->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_threads);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Train and Compare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_preset, &QComboBox::currentIndexChanged, this,
            [this] { applyPreset(m_preset->currentData().toString()); });
    applyPreset(kAeVae);
}

void ComparisonDialog::applyPreset(const QString& name)
{
    const std::optional<std::vector<ComparedModel>> models = comparisonPreset(name);
    if (!models) {
        updateRows();
        return; // Custom: the rows stay as they are
    }
    {
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(std::max(0, m_preset->findData(name)));
    }
    for (int i = 0; i < kMaxModels; ++i) {
        Row& row = m_rows[static_cast<std::size_t>(i)];
        const QSignalBlocker b1(row.enabled);
        const QSignalBlocker b2(row.kind);
        const QSignalBlocker b3(row.beta);
        const bool used = i < int(models->size());
        row.enabled->setChecked(used);
        if (used) {
            const ComparedModel& model = (*models)[static_cast<std::size_t>(i)];
            row.kind->setCurrentIndex(row.kind->findData(int(model.kind)));
            row.beta->setValue(model.beta);
        }
    }
    updateRows();
}

void ComparisonDialog::updateRows()
{
    int count = 0;
    for (Row& row : m_rows) {
        const bool on = row.enabled->isChecked();
        count += on;
        row.kind->setEnabled(on);
        const auto kind = static_cast<ComparedModel::Kind>(row.kind->currentData().toInt());
        // A VAE's β is 1 by definition; an autoencoder has no KL term to weigh.
        row.beta->setEnabled(on && kind == ComparedModel::Kind::BetaVae);
        if (kind == ComparedModel::Kind::Vae) {
            const QSignalBlocker blocker(row.beta);
            row.beta->setValue(1);
        }
    }
    const int cores = m_base.effectiveThreads();
    m_threads->setText(tr("The %1 models share the %2 cores: %3 thread(s) each. The other "
                          "settings (latent dimension, layers, learning rate) come from the "
                          "Training panel.")
                           .arg(count)
                           .arg(cores)
                           .arg(std::max(1, cores / std::max(1, count))));
}

std::vector<ComparedModel> ComparisonDialog::models() const
{
    std::vector<ComparedModel> result;
    for (const Row& row : m_rows) {
        if (!row.enabled->isChecked())
            continue;
        ComparedModel model;
        model.kind = static_cast<ComparedModel::Kind>(row.kind->currentData().toInt());
        model.beta = model.kind == ComparedModel::Kind::Vae ? 1.0 : row.beta->value();
        result.push_back(model);
    }
    return result;
}

vae::TrainingConfig ComparisonDialog::config() const
{
    vae::TrainingConfig config = m_base;
    config.epochs = m_epochs->value();
    config.batchSize = m_batch->value();
    config.seed = static_cast<std::uint64_t>(m_seed->value());
    return config;
}

} // namespace vae::gui
