#pragma once

#include <vae/config.h>

#include <QDialog>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace vae::gui {

/// One model of a comparison: its kind and β.
struct ComparedModel {
    enum class Kind {
        Autoencoder, ///< deterministic: z = μ(x), no sampling, no KL term
        Vae,         ///< the VAE of Kingma & Welling 2014: β = 1
        BetaVae,     ///< β-VAE (Higgins et al. 2017): reconstruction + β·KL, any β
    };
    Kind kind = Kind::Vae;
    double beta = 1; ///< weight of the KL term; 1 for a VAE, unused for an autoencoder

    /// "Autoencoder", "VAE (β = 1)", "β-VAE (β = 4)".
    [[nodiscard]] QString title() const;
    bool operator==(const ComparedModel&) const = default;
};

/// The comparisons offered as presets (and by --compare): "ae-vae" (autoencoder vs VAE, the
/// default), "beta" (VAE β = 1 vs β = 4) and "beta-sweep" (β = 0.5 / 1 / 4).
[[nodiscard]] QStringList comparisonPresetNames();
/// The models of a preset; nothing for an unknown name.
[[nodiscard]] std::optional<std::vector<ComparedModel>> comparisonPreset(const QString& name);

/// The config one model of a comparison trains with: `base` (the settings panel's) with the
/// model's kind and β, and max(1, cores / models) intra-op threads so the runs share the cores.
/// Everything else, the seed included, stays as in `base`: the same seed gives every model the
/// same initial weights, the same batch order and the same ε.
[[nodiscard]] vae::TrainingConfig comparisonConfig(const vae::TrainingConfig& base,
                                                   const ComparedModel& model, int models);

/// Training ▸ Compare Models…: picks 2 or 3 models (kind and β each, or a preset), the epochs,
/// the batch size and the one seed they share.
class ComparisonDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonDialog)

public:
    static constexpr int kMaxModels = 3;

    /// `base` gives the starting epochs, batch size and seed.
    explicit ComparisonDialog(const vae::TrainingConfig& base, QWidget* parent = nullptr);

    void applyPreset(const QString& name);
    [[nodiscard]] std::vector<ComparedModel> models() const;
    /// `base` with the epochs, batch size and seed chosen here.
    [[nodiscard]] vae::TrainingConfig config() const;

    [[nodiscard]] QComboBox* presetBox() const { return m_preset; }
    [[nodiscard]] QSpinBox* epochsBox() const { return m_epochs; }
    [[nodiscard]] QSpinBox* batchSizeBox() const { return m_batch; }
    [[nodiscard]] QSpinBox* seedBox() const { return m_seed; }

private:
    struct Row {
        QCheckBox* enabled = nullptr;
        QComboBox* kind = nullptr;
        QDoubleSpinBox* beta = nullptr;
    };
    void updateRows();

    vae::TrainingConfig m_base;
    std::array<Row, kMaxModels> m_rows;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batch = nullptr;
    QSpinBox* m_seed = nullptr;
    QLabel* m_threads = nullptr;
};

} // namespace vae::gui
