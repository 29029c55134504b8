#pragma once

#include "session/launchoptions.h"

#include <vae/inference.h>
#include <vae/interpolation.h>

#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QTimer>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QPushButton;
class QSpinBox;

namespace vae::gui {

class InterpolationOverlay;
class InterpolationStrip;
class LatentPlot;
class ToolContext;

/// Interpolation between two latent points: the path on the latent plot and the images decoded
/// along it, in a dock widget ("Interpolation", Explore ▸ Interpolation, Ctrl+I).
///
/// Mouse, on the latent plot (an event filter, so LatentPlot's own left-click decoding stays as it
/// is): Shift+click sets endpoint A, the next Shift+click B, a third starts over with A. Within
/// kSnapPixels of a test image's point the endpoint snaps to that image's posterior mean μ, all D
/// dimensions of it (Ctrl+Shift+click never snaps); elsewhere it is the clicked (z₁, z₂) with the
/// other dimensions 0. Pressing the left button on a handle and dragging moves that endpoint (its
/// z₁, z₂; other dimensions stay) and the strip follows live. The events it uses are not passed on,
/// so they neither decode nor pan.
///
/// An endpoint taken from a test image stays that image while the model trains: each new latent
/// snapshot moves it to the image's new μ (until it is dragged, which makes it a free point).
/// While training, new weights re-decode the strip at most every kModelRefreshMs; nothing is
/// decoded while the panel is closed. Each refresh is one InferenceModel::decodeBatch of
/// count() points on the GUI thread (a fraction of a millisecond for the default MLP).
class InterpolationTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterpolationTool)

public:
    static constexpr int kMinCount = 3;
    static constexpr int kMaxCount = 20;
    static constexpr int kDefaultCount = 10;
    /// A Shift+click this close to a test point (in pixels) takes that image's μ.
    static constexpr double kSnapPixels = 5;
    /// A press this close to a handle's centre (in pixels) grabs it.
    static constexpr double kGrabPixels = 10;
    /// Newest weights during training are decoded at most this often.
    static constexpr int kModelRefreshMs = 200;
    /// Exported strips: white gap between images, in image pixels.
    static constexpr int kExportGap = 4;

    struct Endpoint {
        std::vector<float> z;         ///< D values
        std::optional<int> testImage; ///< the test image whose μ this is, if picked on one
        int label = -1;               ///< that example's class; −1 when the data has no labels
    };

    /// Adds the dock widget, the actions (Explore menu and toolbar) and the event filter to
    /// the context's window. The launch options' `interpolate` sets endpoints at start.
    explicit InterpolationTool(ToolContext& context);

    /// Endpoint `which` (0 = A, 1 = B) at z; a z shorter than the model's D is padded with 0, a
    /// longer one cut.
    void setEndpoint(int which, std::vector<float> z);
    /// Endpoint `which` at test image `index`'s posterior mean in the newest snapshot. False (and
    /// nothing changes) if there is no snapshot or no such image.
    bool setEndpointToTestImage(int which, int index);
    void clearEndpoints();
    void swapEndpoints();
    [[nodiscard]] const std::optional<Endpoint>& endpoint(int which) const
    {
        return m_endpoints[static_cast<std::size_t>(which)];
    }
    /// What the panel says about an endpoint, e.g. "test image #12 (digit 7)".
    [[nodiscard]] QString describe(int which) const;

    void setKind(vae::InterpolationKind kind);
    [[nodiscard]] vae::InterpolationKind kind() const { return m_kind; }
    /// Images in the strip, endpoints included (kMinCount … kMaxCount).
    void setCount(int count);
    [[nodiscard]] int count() const { return m_count; }

    /// Shows or hides the panel (and the path on the plot).
    void setPanelShown(bool shown);
    [[nodiscard]] bool panelShown() const;

    /// The last decoded strip: its latent points [n, D], images [n, 784], and the model used.
    [[nodiscard]] const std::vector<float>& pathZ() const { return m_pathZ; }
    [[nodiscard]] const std::vector<float>& pixels() const { return m_pixels; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& decodeModel() const
    {
        return m_decodeModel;
    }
    /// The strip as an image: 28·scale pixels per image, kExportGap·scale white pixels between
    /// them. Null when there is no strip.
    [[nodiscard]] QImage stripImage(int scale = 1) const;
    /// PNG (1:1, one image pixel per model pixel) or PDF, chosen by the suffix. Reports problems
    /// through the window; returns whether it worked.
    bool exportStrip(const QString& path);
    /// Decodes the strip now (throttling and the closed panel aside).
    void refreshNow();

    /// Where a handle is on the latent plot, in widget pixels.
    [[nodiscard]] std::optional<QPointF> handlePixel(int which) const;

    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] QAction* showAction() const;
    [[nodiscard]] QAction* exportAction() const { return m_exportAction; }
    [[nodiscard]] InterpolationStrip* strip() const { return m_strip; }
    [[nodiscard]] InterpolationOverlay* overlay() const;
    [[nodiscard]] QComboBox* kindBox() const { return m_kindBox; }
    [[nodiscard]] QSpinBox* countBox() const { return m_countBox; }

signals:
    void endpointsChanged();
    /// The strip shows newly decoded images.
    void stripUpdated();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildPanel();
    void buildActions();
    bool handleMouse(QEvent* event);
    void pickEndpoint(const QPointF& pixel, bool snap);
    void moveEndpoint(int which, const QPointF& pixel);
    [[nodiscard]] std::optional<int> testImageNear(const QPointF& pixel) const;
    /// The model's latent dimension, else the snapshot's, else 2.
    [[nodiscard]] int latentDim() const;
    /// Brings endpoints to the current D and image endpoints to the newest snapshot's μ; true if
    /// any endpoint changed.
    bool syncEndpoints();
    void applyLaunchEndpoints();
    void endpointsEdited();
    void onModelChanged();
    void scheduleRefresh();
    void updateOverlay();
    void updateLabels();
    void updateHoverCursor(const QPointF& pixel);

    ToolContext& m_context;
    LatentPlot* m_plot;
    /// Owned by the plot, which ~QWidget may delete before this tool.
    QPointer<InterpolationOverlay> m_overlay;
    std::array<std::optional<Endpoint>, 2> m_endpoints;
    /// Test images named on the command line, set once a snapshot has them.
    std::array<std::optional<int>, 2> m_pendingImages;
    vae::InterpolationKind m_kind = vae::InterpolationKind::Linear;
    int m_count = kDefaultCount;

    std::vector<float> m_pathZ;
    std::vector<float> m_pixels;
    std::shared_ptr<const vae::InferenceModel> m_decodeModel;
    bool m_stale = true; ///< the strip does not show the current endpoints, kind, count or model
    QTimer m_refreshTimer;
    QElapsedTimer m_sinceRefresh;

    int m_dragging = -1;  ///< handle being dragged, or -1
    QPointF m_dragOffset; ///< handle centre − press position, so the handle does not jump
    bool m_swallowRelease = false; ///< the press was ours: so are its moves and release
    bool m_hoverCursor = false;    ///< the open-hand cursor over a handle is ours to undo

    QDockWidget* m_dock = nullptr;
    InterpolationStrip* m_strip = nullptr;
    QComboBox* m_kindBox = nullptr;
    QSpinBox* m_countBox = nullptr;
    std::array<QLabel*, 2> m_endpointLabels{};
    QPushButton* m_swapButton = nullptr;
    QPushButton* m_clearButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    QAction* m_exportAction = nullptr;
};

} // namespace vae::gui
