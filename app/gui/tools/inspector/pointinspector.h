#pragma once

#include "plots/latentscatter.h"
#include "tools/datapointref.h"
#include "plots/pointindex.h"
#include "tools/inspector/worstlistmodel.h"

#include <vae/inference.h>
#include <vae/types.h>

#include <QDockWidget>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QTableView;

namespace vae::gui {

class FeatureProfile;
class ToolContext;
class SelectionRing;

/// The point inspector (Explore ▸ Inspector, Ctrl+Shift+I): what the model makes of one image.
///
/// Hovering a point of the latent scatter shows its index, digit, μ and σ in a tooltip. While the
/// dock is open, a plain left click on a point (within kPickRadius pixels) selects it: the dock
/// shows the image beside its reconstruction (the decoded μ) and its loss terms, and a ring marks
/// it on the scatter. The click still decodes the clicked z as before. A table ranks the
/// test images the model reconstructs worst; picking a row selects that image and pans the view
/// to it when it is off screen.
///
/// Everything follows the window's newest model (ToolContext::model()) and latent snapshot: the
/// selected image's terms are recomputed on the GUI thread when the model changes (one image,
/// about two milliseconds), the worst list by a QtConcurrent task on a private one-thread pool
/// running at the trainer's lowered priority — at once for a new run, an opened model, an epoch
/// end or the end of training, at most every kWorstIntervalMs otherwise while training, and only
/// while the dock is shown; the latest request wins. Point lookup is a PointIndex per set,
/// rebuilt on the first hover after a new snapshot (a fraction of a millisecond for 60,000).
class PointInspector final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PointInspector)

public:
    /// A point of the scatter: its set and its index in that set.
    using PointRef = DataPointRef;

    /// How near (pixels) the cursor must be to a point to hover or pick it: about the size of a
    /// drawn disc plus a little slack, so a dense cluster still answers with the nearest point.
    static constexpr double kPickRadius = 5;
    /// The selected image's reconstruction term: Monte Carlo over this many draws of ε, seeded, so
    /// the numbers stay put while nothing changes (standard error typically well under a nat).
    static constexpr int kInspectSamples = 64;
    static constexpr std::uint64_t kInspectSeed = 1;
    /// The worst list: the top kWorstCount of the 10,000 test images by reconstruction term, each
    /// from kWorstSamples draws of ε. One draw keeps a ranking to a few tenths of a second (each
    /// further draw adds as much again, taken from training every few seconds); the worst images
    /// lie well over a hundred nats above the mean, several times one draw's spread (~18 nats), so
    /// 92 of the top 100 are those 16 draws per image give (bench_inspector).
    static constexpr int kWorstCount = 100;
    static constexpr int kWorstSamples = 1;
    static constexpr std::uint64_t kWorstSeed = 1;
    /// While training, the list is recomputed at most this often (and at each epoch end).
    static constexpr int kWorstIntervalMs = 5000;
    /// μ and σ in full up to this many dimensions, else the first kTooltipDims − 1 and "…".
    static constexpr int kTooltipDims = 4;

    /// Docks itself on the right (hidden until asked for) and puts its action in the Explore
    /// menu and toolbar. --inspect N (LaunchOptions::inspectIndex) opens it and selects that test image as soon
    /// as the test set's latent snapshot is there.
    explicit PointInspector(ToolContext& context);
    ~PointInspector() override;

    /// Shows or hides the dock (checkable; Ctrl+Shift+I).
    [[nodiscard]] QAction* inspectorAction() const { return m_action; }
    /// The input and its reconstruction overlaid, shown for a table's rows (hidden for images).
    [[nodiscard]] FeatureProfile* profile() const { return m_profile; }

    /// The shown point nearest to a latent-plot pixel, within kPickRadius; test-set points first
    /// (they are drawn on top), then the training set's when it is shown.
    [[nodiscard]] std::optional<PointRef> pointAt(const QPointF& pixel);
    /// The hover text for a point: "Test image #i · digit d", μ, σ (as the scatter has them).
    [[nodiscard]] QString pointText(const PointRef& point) const;

    /// Selects a point, opens the dock and shows it. False (and nothing changes) when the index is
    /// not in the set or the images are not loaded yet.
    bool select(const PointRef& point);
    void clearSelection();
    [[nodiscard]] std::optional<PointRef> selection() const { return m_selection; }

    // What the dock shows, for tests.
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& shownModel() const
    {
        return m_shownModel;
    }
    /// evaluateImages(image, 1, kInspectSamples, kInspectSeed) under shownModel().
    [[nodiscard]] const std::optional<vae::LossTerms>& shownTerms() const { return m_shownTerms; }
    /// The reconstruction shown: Bernoulli means of decode(μ), 784 values.
    [[nodiscard]] const std::vector<float>& shownReconstruction() const { return m_shownRecon; }
    /// The texts of the header, the μ/σ line, the three terms and the identity, one per line.
    [[nodiscard]] QString shownText() const;

    [[nodiscard]] const std::vector<WorstEntry>& worstList() const
    {
        return m_worstModel->entries();
    }
    /// The model the worst list was computed with (null before the first list).
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& worstListSource() const
    {
        return m_worstSource;
    }
    /// Wall time of the last worst-list computation, in milliseconds.
    [[nodiscard]] double worstListMilliseconds() const { return m_worstMs; }
    [[nodiscard]] QTableView* worstTable() const { return m_table; }
    [[nodiscard]] SelectionRing* ring() const { return m_ring; }
    /// Duration of the last hover lookup (both sets), in microseconds.
    [[nodiscard]] double lastLookupMicroseconds() const { return m_lookupUs; }

signals:
    void selectionChanged();
    /// The dock shows (new) numbers for the selection.
    void inspected();
    void worstListUpdated();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct WorstResult {
        int generation = 0;
        std::shared_ptr<const vae::InferenceModel> model;
        std::vector<WorstEntry> entries;
        double milliseconds = 0;
        QString error;
    };

    void buildWidgets();
    void onModelChanged();
    void onLatentUpdated();
    void onTrainingStateChanged();
    void onVisibilityChanged(bool visible);
    void refreshPanel();
    void showPlaceholder(const QString& text);
    void updateRing();
    void syncTableSelection();
    void onTableRowChanged(const QModelIndex& current);
    void panTo(const QPointF& z);
    void updateHover(const QPointF& pixel, const QPoint& globalPos);
    void hideHoverTip();
    [[nodiscard]] std::optional<QPointF> latentPosition(const PointRef& point) const;
    void ensureIndexes();
    /// Asks for a worst list of the current model. `supersede`: a new run, an opened model, an
    /// epoch end or the end of training — start now, and drop a running computation's result.
    /// Otherwise (a newer snapshot while training) at most every kWorstIntervalMs.
    void requestWorstList(bool supersede);
    void startWorstList();
    void onWorstListDone();
    void updateWorstStatus();

    ToolContext& m_context;
    // The latent plot this filters, a plain identity: the filter may still see the plot's
    // events while the window deletes its children.
    const QObject* m_watchedPlot = nullptr;
    QAction* m_action = nullptr;
    SelectionRing* m_ring = nullptr;

    // Selection and what the panel shows.
    std::optional<PointRef> m_selection;
    std::optional<int> m_pendingInspect;
    std::shared_ptr<const vae::InferenceModel> m_shownModel;
    std::optional<vae::LossTerms> m_shownTerms;
    std::vector<float> m_shownRecon;

    // Hover.
    PointIndex m_testIndex;
    PointIndex m_trainIndex;
    std::shared_ptr<const vae::LatentSnapshot> m_testIndexed;
    std::shared_ptr<const vae::Posterior> m_trainIndexed;
    std::optional<PointRef> m_hovered;
    std::optional<PointRef> m_pressed;
    QPointF m_pressPos;
    double m_lookupUs = 0;

    // Worst list.
    WorstListModel* m_worstModel = nullptr;
    std::shared_ptr<const vae::InferenceModel> m_worstSource;
    std::shared_ptr<const vae::InferenceModel> m_worstRunning;
    QThreadPool m_pool;
    QFutureWatcher<WorstResult> m_worstWatcher;
    int m_worstGeneration = 0;
    bool m_worstPending = false;
    QTimer m_worstTimer;
    QElapsedTimer m_sinceWorstDone;
    double m_worstMs = 0;
    bool m_wasTraining = false;
    double m_lastEpochEnd = 0;
    bool m_syncingTable = false;

    // Widgets.
    QLabel* m_header = nullptr;
    QLabel* m_original = nullptr;
    QLabel* m_reconstruction = nullptr;
    QWidget* m_images = nullptr;        ///< the original and the reconstruction, for images
    FeatureProfile* m_profile = nullptr; ///< both overlaid, for a table
    QLabel* m_posterior = nullptr;
    QLabel* m_recValue = nullptr;
    QLabel* m_klValue = nullptr;
    QLabel* m_elboValue = nullptr;
    QLabel* m_identity = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_worstStatus = nullptr;
    QTableView* m_table = nullptr;
};

} // namespace vae::gui
