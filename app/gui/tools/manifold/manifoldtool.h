#pragma once

#include "tools/manifold/tilecountbox.h"
#include "widgets/tilegrid.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QRectF>
#include <QSize>
#include <QSpinBox>
#include <QTimer>

#include <array>
#include <memory>

class QAction;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QDockWidget;
class QLabel;

namespace vae::gui {

class LatentPlot;
class ToolContext;
class ManifoldGrid;
class TileGridView;


/// Explore ▸ Manifold Grid and Explore ▸ Prior Quantile Manifold: the decoder's output over a grid
/// of latent points.
///
/// - The manifold grid (Ctrl+M) draws n × n decoded tiles under the latent scatter, covering the
///   region the plot shows (a ManifoldGrid on the LatentPlot). It follows zoom, pan and resize
///   within a few tens of milliseconds, and the training model at most every kMinModelIntervalMs
///   (longer when a refresh is slow: refreshes take at most ~1/kDutyFactor of a core).
/// - The prior quantile manifold (Ctrl+Shift+M) is a panel with the grid at the prior's quantiles,
///   z = Φ⁻¹((i + ½)/n) per axis (Kingma & Welling 2014, Fig. 4): those points are not evenly
///   spaced in z, so they get their own image instead of the latent plane.
///
/// Both use n tiles per side, n ∈ [kMinTiles, kMaxTiles] (spin boxes in the Explore toolbar and
/// the panel). Each grid is one InferenceModel::decodeBatch call plus the image build, run on
/// QtConcurrent's pool; one job per grid runs at a time and the newest request wins (a request
/// made while a job runs starts when it ends, with the state of that moment). Nothing is decoded
/// for a grid that is not on screen: it catches up when shown. For a latent space of more than two
/// dimensions the tiles are decoded at (z₁, z₂) with the other dimensions at the prior's mean 0.
/// The toggle and the tile count are remembered in QSettings.
///
/// For a table a grid of tiles means nothing: the manifold grid instead colours the latent plane
/// by one decoded column (chosen in a combo box beside the tile count), a heat map of n × n cells
/// in that column's original units with a colour bar beside the plot, each cell the decoder's
/// mean at the cell's centre.
class ManifoldTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifoldTool)

public:
    static constexpr int kMinTiles = 8;
    static constexpr int kMaxTiles = 40;
    static constexpr int kDefaultTiles = 20;
    /// Refreshes for a new training snapshot come at most this often (a 20 × 20 refresh of the
    /// default model takes ~9 ms of one core, 40 × 40 ~34 ms: 1–3.4% of it, taken from
    /// training)…
    static constexpr int kMinModelIntervalMs = 1000;
    /// …and at most once per kDutyFactor × the last refresh's time.
    static constexpr int kDutyFactor = 20;
    /// Zoom, pan and resize are coalesced over this long.
    static constexpr int kViewDelayMs = 30;

    /// Adds the actions to `window`'s Explore menu and toolbar, the grid to its latent plot and the
    /// panel to its right dock area. `window` owns the tool.
    explicit ManifoldTool(ToolContext& context);
    /// Waits for a running decode (tens of milliseconds at most).
    ~ManifoldTool() override;

    void setGridShown(bool shown);
    [[nodiscard]] bool isGridShown() const { return m_gridShown; }
    void setTilesPerSide(int n);
    [[nodiscard]] int tilesPerSide() const { return m_tilesPerSide; }
    void setQuantilePanelShown(bool shown);

    /// Decodes the n × n grid over the region the latent plot shows now, with the current model,
    /// and writes it as a PNG of n·cols × n·rows pixels, one per image pixel (MNIST's white ink on black).
    /// Returns false and sets lastError() when there is no model or the file cannot be written.
    bool exportGrid(const QString& path);
    /// The same for the prior quantile grid.
    bool exportQuantileGrid(const QString& path);
    [[nodiscard]] const QString& lastError() const { return m_lastError; }

    [[nodiscard]] ManifoldGrid* grid() const;
    [[nodiscard]] std::shared_ptr<const TileGrid> quantileGrid() const;
    [[nodiscard]] QAction* gridAction() const { return m_gridAction; }
    [[nodiscard]] QAction* quantileAction() const;
    [[nodiscard]] QAction* exportAction() const { return m_exportAction; }
    [[nodiscard]] QDockWidget* quantileDock() const { return m_dock; }
    [[nodiscard]] TileGridView* quantileView() const { return m_view; }
    [[nodiscard]] QSpinBox* toolBarTilesBox() const { return m_toolBarTiles; }
    [[nodiscard]] QSpinBox* panelTilesBox() const { return m_panelTiles; }
    /// For a table: the decoded column the heat map shows (its index), the box choosing it, the
    /// heat map (cell (c, j) at the latent point QCPColorMapData::cellToCoord(c, j)) and its
    /// colour bar. The heat map is hidden for images.
    void setHeatColumn(int column);
    [[nodiscard]] int heatColumn() const { return m_heatColumn; }
    [[nodiscard]] QComboBox* columnBox() const { return m_columnBox; }
    [[nodiscard]] QCPColorMap* heatMap() const { return m_heat; }
    [[nodiscard]] QCPColorScale* colourScale() const { return m_colourScale; }
    /// A table's n × n grid as the heat map colours it: `scale` pixels per cell, column `column`
    /// of each tile in original units through the heat map's gradient over [low, high].
    [[nodiscard]] static QImage heatImage(const TileGrid& grid, int column, int scale);
    /// Worker time of the last manifold grid refresh: decode and image build, in ms.
    [[nodiscard]] double lastGridRefreshMs() const { return m_channels[Plane].lastMs; }
    /// Manifold grid refreshes applied so far.
    [[nodiscard]] int gridRefreshCount() const { return m_channels[Plane].applied; }

signals:
    /// New tiles are in the latent plot.
    void gridUpdated();
    /// The quantile panel shows a new grid.
    void quantileGridUpdated();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum Kind { Plane, Quantile, KindCount };
    struct Request {
        Kind kind = Plane;
        std::shared_ptr<const vae::InferenceModel> model;
        int n = 0;
        QRectF region; ///< Plane: the latent rectangle shown
        QSize pixels;  ///< Plane: its size in device pixels
    };
    struct Result {
        Kind kind = Plane;
        std::shared_ptr<const TileGrid> grid;
        QRectF region;
        QImage overlay;
        QString error;
        double ms = 0;
    };
    struct Channel {
        QFutureWatcher<Result> watcher;
        QTimer timer;
        QElapsedTimer sinceStart;
        bool pending = false; ///< a request came while the job ran
        bool stale = true;    ///< a request came while the grid was not on screen
        double lastMs = 0;
        int applied = 0;
    };

    void buildActions();
    void buildPanel();
    void readSettings();
    void writeSettings() const;
    void onModelChanged();
    void onViewChanged();
    /// Refreshes `kind` after `delayMs` (or sooner if already due), if it is on screen.
    void schedule(Kind kind, int delayMs);
    /// Like schedule(), no sooner than the throttle allows since the last refresh started.
    void scheduleThrottled(Kind kind);
    void catchUp(Kind kind);
    void start(Kind kind);
    void onFinished(Kind kind);
    [[nodiscard]] bool isActive(Kind kind) const;
    [[nodiscard]] Request request(Kind kind) const;
    [[nodiscard]] static Result compute(const Request& request);
    void updateNotes();
    void updateColumns();
    /// Shows the plane grid's tiles as the heat map when they are a table's, else hides it.
    void updateHeatMap();
    bool writeImage(const Request& request, const QString& path);
    void reportError(const QString& message);
    void askAndExport(Kind kind);

    ToolContext& m_context;
    QPointer<LatentPlot> m_plot;
    // The same plot as a plain identity for eventFilter: m_plot's accessors downcast to LatentPlot,
    // which is undefined while ~LatentPlot's bases run and still send events.
    const QObject* m_watchedPlot = nullptr;
    QPointer<ManifoldGrid> m_grid;
    std::array<Channel, KindCount> m_channels;
    bool m_gridShown = false;
    int m_tilesPerSide = kDefaultTiles;
    QString m_lastError;
    QString m_plotToolTip; ///< the latent plot's own tooltip, before the grid's note

    QAction* m_gridAction = nullptr;
    QAction* m_exportAction = nullptr;
    QSpinBox* m_toolBarTiles = nullptr;
    QSpinBox* m_panelTiles = nullptr;
    QDockWidget* m_dock = nullptr;
    TileGridView* m_view = nullptr;
    QLabel* m_note = nullptr;
    QWidget* m_columnRow = nullptr; ///< "Colour by:" and m_columnBox, in the toolbar
    QComboBox* m_columnBox = nullptr;
    int m_heatColumn = 0;
    QPointer<QCPColorMap> m_heat;
    QCPColorScale* m_colourScale = nullptr; ///< owned by the plot's layout while shown, else here
};

} // namespace vae::gui
