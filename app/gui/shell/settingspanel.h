#pragma once

#include <vae/config.h>
#include <vae/data_description.h>

#include <optional>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vae::gui {

/// The hyperparameters of the next training run, one field per vae::TrainingConfig member.
///
/// Fields the panel does not show (trainSubset) are kept from the last setConfig(), so a test or a
/// loaded checkpoint can set them and toConfig() hands them on unchanged.
///
/// The likelihood p_θ(x|z) follows the data: setData() disables the choices that do not fit it
/// (with a tooltip saying why) and shows vae::defaultLikelihood() of the data, unless one was
/// chosen — by the user in the box, or by chooseLikelihood() (an opened checkpoint's) — and it
/// fits; a chosen likelihood that does not fit this data comes back with data it fits.
class SettingsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPanel)

public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    void setConfig(const vae::TrainingConfig& config);
    // Changing the latent dim while the hidden sizes are the default for the old one switches them
    // to the default for the new one (TrainingConfig::defaultHiddenSizes); edited sizes are kept.
    /// The config the fields describe. Throws vae::ConfigError when the hidden sizes text does not
    /// parse; range checks are left to TrainingConfig::validate().
    [[nodiscard]] vae::TrainingConfig toConfig() const;

    /// The data the next run trains on: see the class comment for the likelihood.
    void setData(const vae::DataDescription& data);
    /// Shows `likelihood` and keeps it when the data changes, as if the user had chosen it.
    void chooseLikelihood(vae::Likelihood likelihood);
    /// The likelihood chosen (by the user or chooseLikelihood()), if any.
    [[nodiscard]] const std::optional<vae::Likelihood>& chosenLikelihood() const
    {
        return m_chosenLikelihood;
    }

    /// Chooses "mlp" or "conv" as the user would (hidden sizes at the other's default follow);
    /// ignored for an unknown name or one the data cannot take.
    void chooseArchitecture(const std::string& architecture);

    /// While training, only β, the learning rate and the KL schedule may change (they apply live,
    /// from the next step); the model kind, the likelihood and the rest are fixed for the run.
    void setTrainingLocked(bool locked);
    [[nodiscard]] bool isTrainingLocked() const { return m_locked; }

    [[nodiscard]] QSpinBox* epochsBox() const { return m_epochs; }
    [[nodiscard]] QSpinBox* batchSizeBox() const { return m_batchSize; }
    [[nodiscard]] QDoubleSpinBox* learningRateBox() const { return m_learningRate; }
    [[nodiscard]] QDoubleSpinBox* betaBox() const { return m_beta; }
    [[nodiscard]] QSpinBox* latentDimBox() const { return m_latentDim; }
    [[nodiscard]] QLineEdit* hiddenSizesEdit() const { return m_hiddenSizes; }
    /// MLP / Convolutional; the data is TrainingConfig::architecture's spelling.
    [[nodiscard]] QComboBox* architectureBox() const { return m_architecture; }
    /// The conv channels, enabled for the convolutional architecture only.
    [[nodiscard]] QLineEdit* channelsEdit() const { return m_channels; }
    [[nodiscard]] QSpinBox* seedBox() const { return m_seed; }
    [[nodiscard]] QSpinBox* threadsBox() const { return m_threads; }
    [[nodiscard]] QComboBox* scheduleBox() const { return m_schedule; }
    [[nodiscard]] QSpinBox* warmupStepsBox() const { return m_warmupSteps; }
    [[nodiscard]] QDoubleSpinBox* timeBudgetBox() const { return m_timeBudget; }
    /// Autoencoder / VAE / β-VAE; the data is "autoencoder", "vae" or "beta-vae"
    /// (TrainingConfig::modelName()). Choosing β-VAE with β = 1 presets β to kBetaVaePreset,
    /// choosing VAE sets β = 1, and editing β moves the choice between VAE and β-VAE.
    [[nodiscard]] QComboBox* modelKindBox() const { return m_modelKind; }
    /// KL schedule; the data is TrainingConfig::klSchedule's spelling.
    [[nodiscard]] QComboBox* klScheduleBox() const { return m_klSchedule; }
    [[nodiscard]] QDoubleSpinBox* klEpochsBox() const { return m_klEpochs; }
    /// Bernoulli / continuous Bernoulli / Gaussian; the data is vae::likelihoodName()'s spelling.
    [[nodiscard]] QComboBox* likelihoodBox() const { return m_likelihood; }
    /// The explanation for students (objective and schedules, with formulas).
    [[nodiscard]] QLabel* explanationLabel() const { return m_explanation; }

signals:
    /// Emitted when the user commits a new value (Enter, focus out or arrow step), not per
    /// keystroke.
    void betaChanged(double beta);
    void learningRateChanged(double learningRate);
    /// The KL schedule or its N changed by the user: `schedule` is "constant", "linear" or
    /// "cyclical", `warmupEpochs` N (see TrainingConfig::klSchedule).
    void klScheduleChanged(const QString& schedule, double warmupEpochs);
    /// The likelihood shown changed (chosen by the user, or set by setData() or setConfig()).
    void likelihoodChanged(vae::Likelihood likelihood);

private:
    void updateEnabled();
    void onModelKindChosen();
    void onArchitectureChosen();
    void showModelName(); ///< the kind combo follows β: VAE for β = 1, β-VAE otherwise
    void showLikelihood(vae::Likelihood likelihood);
    [[nodiscard]] vae::Likelihood shownLikelihood() const;
    [[nodiscard]] std::string shownArchitecture() const;
    /// The hidden sizes shown, or none while the text does not parse.
    [[nodiscard]] std::vector<int> shownHiddenSizes() const;

    vae::TrainingConfig m_base;
    bool m_locked = false;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QDoubleSpinBox* m_learningRate = nullptr;
    QDoubleSpinBox* m_beta = nullptr;
    QSpinBox* m_latentDim = nullptr;
    QLineEdit* m_hiddenSizes = nullptr;
    QComboBox* m_architecture = nullptr;
    QLineEdit* m_channels = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_schedule = nullptr;
    QSpinBox* m_warmupSteps = nullptr;
    QDoubleSpinBox* m_timeBudget = nullptr;
    QComboBox* m_modelKind = nullptr;
    QComboBox* m_klSchedule = nullptr;
    QDoubleSpinBox* m_klEpochs = nullptr;
    QComboBox* m_likelihood = nullptr;
    std::optional<vae::Likelihood> m_chosenLikelihood;
    QLabel* m_explanation = nullptr;
    /// The conv channels the data's image size suggests (TrainingConfig::defaultConvChannels);
    /// shown channels equal to it follow the next data's.
    std::vector<int> m_defaultChannels = vae::TrainingConfig{}.convChannels;
    int m_shownLatentDim = 0; ///< the latent dim the hidden-sizes text was last matched to
};

} // namespace vae::gui
