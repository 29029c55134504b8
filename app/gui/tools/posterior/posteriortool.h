#pragma once

#include "tools/datapointref.h"

#include <vae/inference.h>
#include <vae/likelihood.h>

#include <QDockWidget>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointF>
#include <QPointer>
#include <QPolygonF>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QCPColorMap;
class QComboBox;
class QLabel;
class QPushButton;

namespace vae::gui {

class ContourLines;
class FeatureProfile;
class ToolContext;
class PosteriorEllipse;

/// Explore ▸ Posterior (Ctrl+Shift+P): the true posterior p_θ(z|x) of one image beside the
/// encoder's approximation q_φ(z|x), for a 2-D latent space.
///
/// The image is the selected point (the Inspector's selection, or a plain click on a point of the
/// latent plot while this dock is open) or the Draw tool's drawing. On the latent plot: p_θ(z|x) ∝
/// p_θ(x|z) p(z) evaluated on a kGridResolution² grid over the region that holds its mass
/// (vae::posteriorGrid) as a heat map, with q_φ(z|x)'s 1σ and 2σ ellipses over it. In the dock:
/// the evidence decomposition (vae::evidenceDecomposition) laid out as the two identities
///   log p(x) = ELBO + KL(q ‖ p(z|x))      ELBO = −reconstruction − KL(q ‖ p(z))
/// in nats with two decimals, the ELBO's Monte-Carlo standard error (kSamples draws from q), and
/// the compute time.
///
/// Computed on a private one-thread pool, never on the GUI thread. The latest request wins: a
/// newer request cancels a running computation (through the progress callback) and starts when it
/// has returned; a result that is not the newest request's is dropped. A new selection or drawing
/// is computed at once; a newer training snapshot at most every kMinModelIntervalMs, and at most
/// once per kDutyFactor × the last computation's time. Nothing is computed while the dock is
/// hidden: showing it catches up.
class PosteriorTool final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PosteriorTool)

public:
    /// Where the image comes from.
    enum class Source { Selection, Drawing };

    /// Cells per side of the posterior grid (the 200 × 200).
    static constexpr int kGridResolution = 200;
    /// Draws z ~ q_φ(z|x) for the ELBO: its standard error is then a few hundredths of a nat.
    static constexpr int kSamples = 10000;
    static constexpr std::uint64_t kSeed = 1;
    /// While training, a newer model is taken at most this often…
    static constexpr int kMinModelIntervalMs = 2000;
    /// …and each starts at least kDutyFactor × the last computation's wall time after the last
    /// start, so the panel takes at most ~1/kDutyFactor of a core (at a lowered priority) from
    /// training. A newer model never cancels a running computation (it would starve when one
    /// takes longer than the interval): it waits for it, and the result is shown.
    static constexpr int kDutyFactor = 3;
    /// A stroke on the Draw pad is followed within this delay (strokes in between are merged).
    static constexpr int kDrawDelayMs = 120;
    /// Name of the plot layer the heat map is drawn on (above the scatter, under the ellipses).
    static constexpr const char* kLayerName = "posteriorHeat";

    /// Docks itself on `window` (hidden), with its action in the Explore menu and toolbar. With
    /// --posterior N it opens on test image N.
    explicit PosteriorTool(ToolContext& context);
    ~PosteriorTool() override;

    /// Shows test image `index` (opens the dock). False, with a status-bar message, when there is
    /// no such image or the images are not loaded yet.
    bool selectTestImage(int index);
    /// Uses the selected point or the Draw tool's drawing.
    void setSource(Source source);
    /// The example x whose posterior is shown, for a table's rows (hidden for images).
    [[nodiscard]] FeatureProfile* profile() const { return m_profile; }
    [[nodiscard]] Source source() const { return m_source; }
    /// Sets the latent plot's axes to the grid's region (and stops it following the data).
    void zoomToPosterior();

    // What the dock shows, for tests.
    /// The decomposition on display and the model, image and point it was computed for.
    [[nodiscard]] const std::optional<vae::EvidenceDecomposition>& shown() const { return m_shown; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& shownModel() const
    {
        return m_shownModel;
    }
    [[nodiscard]] const std::vector<float>& shownPixels() const { return m_shownPixels; }
    /// The test or training image shown (none when the drawing is shown).
    [[nodiscard]] std::optional<DataPointRef> shownPoint() const
    {
        return m_shownPoint;
    }
    [[nodiscard]] QCPColorMap* heatMap() const { return m_heat; }
    [[nodiscard]] PosteriorEllipse* ellipse() const { return m_ellipse; }
    /// The true posterior's contours at q's 1σ and 2σ masses (DensityContours).
    [[nodiscard]] ContourLines* contours() const { return m_contours; }
    /// The texts of the value cells, as displayed: log p(x), ELBO, KL(q‖p(z|x)) of the first
    /// identity and ELBO, reconstruction, KL(q‖p(z)) of the second (signs as shown).
    enum Cell { LogEvidence, Elbo, KlPosterior, Elbo2, Reconstruction, KlPrior, CellCount };
    [[nodiscard]] QString cellText(Cell cell) const;
    /// The whole panel's text (title, identities, notes), one line per label.
    [[nodiscard]] QString shownText() const;
    /// Results shown so far, and results dropped because a newer request had been made.
    [[nodiscard]] int appliedCount() const { return m_applied; }
    [[nodiscard]] int droppedCount() const { return m_dropped; }
    /// Worker wall time of the last computation shown (grid and Monte-Carlo draws), in ms.
    [[nodiscard]] double lastMilliseconds() const { return m_lastMs; }
    /// The posterior grid's share of it (vae::PosteriorGrid::seconds), in ms; 0 when the core
    /// leaves the grid of an evidence decomposition untimed.
    [[nodiscard]] double lastGridMilliseconds() const { return m_gridMs; }
    [[nodiscard]] bool isComputing() const { return m_watcher.isRunning(); }

signals:
    /// New numbers and a new heat map are shown (or the panel was cleared).
    void updated();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// The message shown while no image is chosen.
    [[nodiscard]] static QString chooseMessage();
    struct Request {
        int generation = 0;
        std::shared_ptr<const vae::InferenceModel> model;
        std::vector<float> pixels;
        std::optional<DataPointRef> point;
        QString title;
    };
    struct Result {
        Request request;
        std::optional<vae::EvidenceDecomposition> decomposition;
        /// The true posterior's highest-density contours holding 39.3 % and 86.5 % of its mass
        /// (as q's 1σ and 2σ ellipses do), segments in latent coordinates.
        std::vector<QPolygonF> contour1;
        std::vector<QPolygonF> contour2;
        QString error;
        double ms = 0;
    };

    void buildWidgets();
    void onModelChanged();
    void onSelectionChanged();
    void onVisibilityChanged(bool visible);
    /// Computes after `delayMs` (or sooner if already due), if the dock is on screen. `supersede`:
    /// a running computation is cancelled (a new image); otherwise it finishes first (a newer
    /// model while training).
    void schedule(int delayMs, bool supersede = true);
    void scheduleThrottled();
    void start();
    void onFinished();
    [[nodiscard]] static Result compute(Request request,
                                        std::shared_ptr<const std::atomic<int>> latest);
    /// The request for the current source, model and image; empty model when there is nothing to
    /// compute (the panel then says why).
    [[nodiscard]] std::optional<Request> currentRequest(QString* why);
    void apply(Result result);
    void showMessage(const QString& text);
    void clearPlot();

    ToolContext& m_context;
    // The latent plot this filters, as a plain identity: the filter may still see the plot's
    // events while the window deletes its children.
    const QObject* m_watchedPlot = nullptr;
    Source m_source = Source::Selection;
    std::optional<DataPointRef> m_point;
    std::optional<int> m_pendingIndex; ///< --posterior N, until the images are loaded

    QCPColorMap* m_heat = nullptr;
    PosteriorEllipse* m_ellipse = nullptr;
    ContourLines* m_contours = nullptr;

    QThreadPool m_pool;
    QFutureWatcher<Result> m_watcher;
    QTimer m_timer;
    QElapsedTimer m_sinceStart;
    /// The newest request's generation, read by the running computation's progress callback.
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    int m_generation = 0;
    bool m_pending = false;
    bool m_supersede = false; ///< the scheduled start cancels a running computation
    bool m_stale = true;
    std::optional<vae::EvidenceDecomposition> m_shown;
    std::shared_ptr<const vae::InferenceModel> m_shownModel;
    std::vector<float> m_shownPixels;
    std::optional<DataPointRef> m_shownPoint;
    int m_applied = 0;
    int m_dropped = 0;
    double m_lastMs = 0;
    double m_gridMs = 0;
    bool m_zoomOnNext = false;

    // Click-to-select while the Inspector is closed.
    std::optional<DataPointRef> m_pressed;
    QPointF m_pressPos;

    // Widgets.
    QComboBox* m_sourceBox = nullptr;
    QPushButton* m_zoomButton = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_image = nullptr;
    FeatureProfile* m_profile = nullptr; ///< the example x, for a table (instead of m_image)
    QLabel* m_status = nullptr;
    QWidget* m_identities = nullptr;
    QLabel* m_cells[CellCount] = {};
    QLabel* m_stdError = nullptr;
    QLabel* m_check = nullptr;
    QLabel* m_timing = nullptr;
    QLabel* m_explanation = nullptr;
};

} // namespace vae::gui
