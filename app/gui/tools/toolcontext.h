#pragma once

#include "session/launchoptions.h"
#include "tools/datapointref.h"

#include <vae/data_description.h>
#include <vae/dataset.h>
#include <vae/inference.h>
#include <vae/trainer.h>
#include <vae/types.h>

#include <QObject>
#include <QPointF>
#include <Qt>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QKeySequence;
class QString;
class QWidget;

namespace vae::gui {

class LatentPlot;
class Session;

/// All that an Explore tool may use of the application (docs/architecture.md): every tool is
/// constructed with one and never sees the main window or another tool.
///
/// - What is explored, read-only, from the Session: the data and its description, the current
///   model, the latest latent snapshot, the run and its state, and signals when they change.
/// - The latent plot, which tools draw on (overlays, markers) and listen to.
/// - The image being examined, shared between tools: the selected data point (the Inspector sets
///   it, the Posterior follows it), the drawing (Draw sets it), and the point under a pixel.
/// - The point being decoded (click or drag on the plot) and a past latent snapshot to show.
/// - The host: one way to add a dock with its action, shortcut and saved place; to add an
///   action; to show a message or report an error; to ask for a file. The shell implements these
///   for the main window; the GUI tests implement them for a bare window.
///
/// Everything here runs on the GUI thread.
class ToolContext : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolContext)

public:
    /// Where an action goes: the Explore menu and toolbar, one of them, or the Training menu.
    enum class Place { Explore, ExploreMenu, ExploreToolBar, Training };

    /// Finds the point of the plot under a widget pixel (the Inspector's index), and says whether
    /// its owner selects points on click by itself at the moment.
    struct PointPicker {
        std::function<std::optional<DataPointRef>(const QPointF& pixel)> pointAt;
        std::function<bool()> selectsOnClick;
    };

    ToolContext(Session& session, LatentPlot& latentPlot, QObject* parent = nullptr);
    ~ToolContext() override;

    // --- What is explored (the session's) ------------------------------------------------
    [[nodiscard]] const LaunchOptions& options() const;
    [[nodiscard]] const std::shared_ptr<const vae::Dataset>& data() const;
    [[nodiscard]] const vae::DataDescription& dataDescription() const;
    /// How the tools name label `label`: the class name ("Sneaker"), "digit 7" for digit data
    /// (ten classes named 0–9), else "class 7".
    [[nodiscard]] QString classLabel(int label) const;
    /// The current model: the trainer's newest snapshot (refreshed once per poll) or the opened one.
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& model() const;
    /// The freshest weights: the trainer's inference snapshot now, else model().
    [[nodiscard]] std::shared_ptr<const vae::InferenceModel> newestModel() const;
    [[nodiscard]] const std::shared_ptr<const vae::LatentSnapshot>& latestLatent() const;
    [[nodiscard]] vae::TrainingHistory history() const;
    [[nodiscard]] bool isTraining() const;
    /// A new number for every run started; 0 for an opened model or nothing (Session::runId()).
    [[nodiscard]] std::uint64_t runId() const;
    [[nodiscard]] LatentPlot* latentPlot() const { return &m_plot; }

    // --- The image being examined ---------------------------------------------------------
    [[nodiscard]] const std::optional<DataPointRef>& selectedPoint() const { return m_selected; }
    void setSelectedPoint(const std::optional<DataPointRef>& point);
    /// The drawing (pixels in [0, 1], row-major, dataDescription()'s shape), empty if none.
    [[nodiscard]] const std::vector<float>& drawing() const { return m_drawing; }
    void setDrawing(std::vector<float> pixels);
    /// Asks for the drawing pad to be shown (a tool that examines drawings was switched to one).
    void requestDrawing();
    void setPointPicker(PointPicker picker);
    /// The data point under `pixel` of the latent plot, if a picker is set and finds one.
    [[nodiscard]] std::optional<DataPointRef> pointAt(const QPointF& pixel) const;
    [[nodiscard]] bool hasPointPicker() const { return bool(m_picker.pointAt); }
    /// Whether the picker's owner selects points on click itself (then others leave clicks alone).
    [[nodiscard]] bool pickerSelectsOnClick() const;

    // --- Decoding and the shown snapshot --------------------------------------------------
    /// Decodes the plot's point (z1, z2) with model() and moves the crosshair there. For D > 2
    /// the plot's projection decides the full z (LatentPlot::latentPointAt).
    void decodeAt(double z1, double z2);
    /// Decodes the current point again (after a model change or a projection change).
    void decodeCurrent();
    /// The last decoded image (model's pixels in [0, 1]), the z it came from and the model used.
    [[nodiscard]] const std::vector<float>& lastDecodedPixels() const { return m_lastPixels; }
    [[nodiscard]] const std::vector<float>& lastDecodedZ() const { return m_lastZ; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& lastDecodeModel() const
    {
        return m_lastDecodeModel;
    }
    /// Shows `snapshot` (a past frame) in the latent plot instead of the newest one; newer
    /// snapshots then update latestLatent() but not the plot. Null follows training again.
    void showPastLatent(std::shared_ptr<const vae::LatentSnapshot> snapshot);
    [[nodiscard]] bool showsPastLatent() const { return m_showsPast; }
    /// Forgets a shown past snapshot without redrawing (a new run or model replaces it).
    void clearPastLatent() { m_showsPast = false; }

    // --- The host (the main window, or a test's bare window) ------------------------------
    /// The window tools' docks and dialogs belong to.
    [[nodiscard]] virtual QWidget* window() const = 0;
    /// Docks `dock` in `area`, hidden until the saved layout or the user shows it, restores its
    /// saved place, and puts its show/hide action (text, shortcut, status tip) in the Explore
    /// menu and toolbar. Returns that action; `restored`, if given, says whether a saved place
    /// (and size) was found.
    virtual QAction* addDock(QDockWidget* dock, Qt::DockWidgetArea area, const QString& text,
                             const QKeySequence& shortcut, const QString& statusTip,
                             bool* restored = nullptr) = 0;
    virtual void addAction(QAction* action, Place place) = 0;
    virtual void addSeparator(Place place) = 0;
    virtual void addToolBarWidget(QWidget* widget) = 0;
    /// Gives a docked panel `height` pixels (its first showing).
    virtual void resizeDock(QDockWidget* dock, int height) = 0;
    /// A line in the status bar for `timeoutMs` (0: until the next one).
    virtual void showMessage(const QString& text, int timeoutMs) = 0;
    /// Tells the user about a problem (a dialog unless the launch options turn dialogs off).
    virtual void reportError(const QString& title, const QString& message) = 0;
    /// A save-file dialog starting in the last directory used; empty when cancelled.
    [[nodiscard]] virtual QString askSaveFile(const QString& title, const QString& filter,
                                              const QString& defaultSuffix,
                                              const QString& baseName) = 0;
    [[nodiscard]] virtual bool isWindowMinimized() const = 0;
    /// The training settings the user has entered (throws vae::Error when they do not parse).
    [[nodiscard]] virtual vae::TrainingConfig trainingSettings() const = 0;

signals:
    void dataLoaded();
    /// Another dataset replaced the data (File ▸ Open Dataset): indices into the old data mean
    /// nothing now. The context has cleared selectedPoint(); dataLoaded() follows.
    void dataReplaced();
    /// model() is another model (a newer snapshot, a new run, an opened file); decoded first.
    void modelChanged();
    /// A model was opened from a file (after modelChanged()).
    void modelOpened();
    void latentUpdated();
    /// The trainer's state changed (started, paused, finished, stopped, failed).
    void trainingStateChanged();
    /// The step records and epoch summaries one poll took in, in training order.
    void stepsReceived(const std::vector<vae::StepRecord>& steps,
                       const std::vector<vae::EpochSummary>& epochs);
    /// A point was decoded (decodeAt, or the current point with a new model).
    void decoded();
    void selectedPointChanged();
    void drawingChanged();
    void drawingRequested();
    /// The window came back from being minimised (tools catch up on skipped work).
    void windowRestored();

protected:
    [[nodiscard]] Session& session() const { return m_session; }
    /// The dock's show/hide action with the text, shortcut and status tip addDock() was given:
    /// what every implementation of addDock() puts in the Explore menu and toolbar.
    static QAction* dockAction(QDockWidget* dock, const QString& text, const QKeySequence& shortcut,
                               const QString& statusTip);

private:
    Session& m_session;
    LatentPlot& m_plot;
    std::optional<DataPointRef> m_selected;
    std::vector<float> m_drawing;
    PointPicker m_picker;
    bool m_showsPast = false;
    QPointF m_z{0.0, 0.0};
    std::vector<float> m_lastPixels;
    std::vector<float> m_lastZ;
    std::shared_ptr<const vae::InferenceModel> m_lastDecodeModel;
};

} // namespace vae::gui
