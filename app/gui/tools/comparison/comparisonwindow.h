#pragma once

#include "tools/comparison/comparisondialog.h"
#include "widgets/tilegrid.h"

#include <vae/config.h>
#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/trainer.h>
#include <vae/types.h>

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointF>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QCPRange;
class QLabel;

namespace vae::gui {

class DecodedView;
class LatentPlot;
class ToolContext;
class RateDistortionPlot;
class TileGridView;

/// Training ▸ Compare Models…: two or three models trained at once from the same seed, in linked
/// panes side by side, and their paths in one rate–distortion plane.
///
/// Each pane shows one model: its kind, β and live test ELBO, the latent scatter of the test set,
/// the image decoded at the marked z and kSide × kSide decoded prior samples. The panes are
/// linked: a click or drag in any latent plane decodes the same z in every pane and marks it in
/// all; the prior samples use the same draws z ~ N(0, I) for every model (one Resample for all);
/// with "Same axes" the latent planes share their ranges.
///
/// Each model has its own vae::Trainer (its own thread, max(1, cores / N) intra-op threads,
/// background priority). As in the session, a ~30 ms timer drains what they published and redraws
/// each plot at most once per tick. A separate top-level window, so a lecturer can put it on the
/// projector full screen while the main window stays as it was.
class ComparisonWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonWindow)

public:
    static constexpr int kSide = 8;
    static constexpr int kSamples = kSide * kSide;
    static constexpr int kMinModelIntervalMs = 500;
    static constexpr int kDefaultSampleSeed = 1;

    /// `base`: the shared config (seed, epochs, batch, architecture); each model's comes from
    /// comparisonConfig(). Throws vae::ConfigError if a model's config is invalid for `data`.
    ComparisonWindow(std::shared_ptr<const vae::Dataset> data, const vae::TrainingConfig& base,
                     std::vector<ComparedModel> models, QWidget* parent = nullptr);
    /// Stops the trainers: destroying them joins their threads within one batch.
    ~ComparisonWindow() override;

    bool start();
    void togglePause();
    void stop();
    /// True from start() until the window has taken in the end (finished, stopped or failed)
    /// of every model's run.
    [[nodiscard]] bool isTraining() const;
    [[nodiscard]] bool isPaused() const { return m_paused; }

    /// Decodes the latent point (z1, z2) (other dimensions 0) with every model and marks it in
    /// every latent plane.
    void decodeAt(double z1, double z2);
    /// Draws new prior samples (the next seed), the same z for every model.
    void resample();
    void setSampleSeed(int seed);
    [[nodiscard]] int sampleSeed() const { return m_sampleSeed; }
    /// Whether the latent planes share their axis ranges (on by default).
    void setLinkedAxes(bool linked);
    [[nodiscard]] bool linkedAxes() const { return m_linkedAxes; }

    [[nodiscard]] int paneCount() const { return static_cast<int>(m_panes.size()); }
    [[nodiscard]] const ComparedModel& comparedModel(int pane) const;
    [[nodiscard]] const vae::TrainingConfig& config(int pane) const;
    [[nodiscard]] vae::Trainer* trainer(int pane) const;
    /// The model the pane decodes with now (the trainer's newest snapshot).
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& model(int pane) const;
    /// Every step record and epoch summary the pane has taken in.
    [[nodiscard]] const vae::TrainingHistory& history(int pane) const;
    [[nodiscard]] const std::vector<float>& decodedPixels(int pane) const;
    [[nodiscard]] const std::vector<float>& decodedZ(int pane) const;
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& decodedModel(int pane) const;
    [[nodiscard]] const std::shared_ptr<const TileGrid>& samples(int pane) const;
    [[nodiscard]] LatentPlot* latentPlot(int pane) const;
    [[nodiscard]] DecodedView* decodedView(int pane) const;
    [[nodiscard]] TileGridView* samplesView(int pane) const;
    [[nodiscard]] QLabel* statsLabel(int pane) const;
    [[nodiscard]] RateDistortionPlot* rateDistortionPlot() const { return m_rdPlot; }
    [[nodiscard]] QPointF marker() const { return m_z; }
    [[nodiscard]] QAction* startAction() const { return m_startAction; }
    [[nodiscard]] QAction* pauseAction() const { return m_pauseAction; }
    [[nodiscard]] QAction* stopAction() const { return m_stopAction; }
    [[nodiscard]] QAction* linkAction() const { return m_linkAction; }

    /// The colour of a model's pane title and rate–distortion curve.
    [[nodiscard]] static QColor modelColor(int pane);
    /// The pane's explanation for a student (depends on the kind and β).
    [[nodiscard]] static QString explanation(const ComparedModel& model);

signals:
    void trainingStateChanged();
    void decoded();
    void samplesUpdated();
    void errorReported(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Pane;
    void buildUi();
    void poll();
    void refreshModel(Pane& pane);
    void decodePane(Pane& pane);
    void refreshSamples(Pane& pane);
    void updateStats(Pane& pane);
    void syncAxes();
    /// Gives every other pane the axis ranges of pane `from`.
    void copyRanges(int from);
    void setRanges(const QCPRange& x, const QCPRange& y, int except);
    void updateActions();
    void reportError(const QString& message);

    std::shared_ptr<const vae::Dataset> m_data;
    std::vector<std::unique_ptr<Pane>> m_panes;
    QPointF m_z{0.0, 0.0};
    int m_sampleSeed = kDefaultSampleSeed;
    bool m_linkedAxes = true;
    bool m_syncing = false;
    bool m_paused = false;
    bool m_started = false;
    int m_leader = -1; ///< the pane whose zoom or pan the others follow, while linked
    QTimer m_pollTimer;

    RateDistortionPlot* m_rdPlot = nullptr;
    QLabel* m_stateLabel = nullptr;
    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_resampleAction = nullptr;
    QAction* m_linkAction = nullptr;
};

} // namespace vae::gui
