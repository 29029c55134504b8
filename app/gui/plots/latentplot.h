#pragma once

#include "plots/latentprojection.h"
#include "plots/latentscatter.h"
#include "plots/scattercolouring.h"

#include <vae/types.h>

#include <qcustomplot.h>

#include <array>
#include <memory>

namespace vae::gui {

/// The posterior means of the test images on the (z₁, z₂) plane, coloured by class (or by a known
/// factor of the data, or in one colour: setColouring()); optionally the training images' too,
/// lighter and underneath.
///
/// The points are drawn by a LatentScatter (all 70,000 MNIST images in a few milliseconds).
/// Mouse: the left button picks a latent point (press, and drag to keep picking); the wheel zooms
/// around the cursor; the right or middle button pans; a double click fits the view to the data
/// again. While the view is not zoomed or panned it follows the data as new snapshots arrive.
class LatentPlot final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatentPlot)

public:
    static constexpr int kDigits = 10;

    explicit LatentPlot(QWidget* parent = nullptr);

    /// Shows the snapshot's μ (dims 0 and 1), and its training-set μ when it has them and
    /// showsTrainingSet(). Cheap to call often: the work happens in replotIfDirty(), so only the
    /// newest snapshot per timer tick is drawn.
    void setSnapshot(std::shared_ptr<const vae::LatentSnapshot> snapshot);
    [[nodiscard]] const std::shared_ptr<const vae::LatentSnapshot>& snapshot() const
    {
        return m_snapshot;
    }
    void clearPoints();
    /// Takes in the snapshot now, on screen or not, keeping the axes (for exporting frames).
    void applySnapshotNow()
    {
        applySnapshot();
        m_scatterDirty = false;
    }

    /// Whether the training set's points (when the snapshot carries them) are drawn too.
    void setShowTrainingSet(bool show);
    [[nodiscard]] bool showsTrainingSet() const
    {
        return m_scatter->isSetVisible(LatentScatter::TrainingSet);
    }

    /// Moves the crosshair to (z1, z2), repainting only the strips under the old and new lines.
    /// The crosshair is drawn on the widget, over QCustomPlot's buffers: it marks what the
    /// decoded-image panel shows and is not part of an exported plot.
    void setMarker(double z1, double z2);
    [[nodiscard]] QPointF marker() const { return m_marker; }

    /// Fits the axes to the data and follows it from now on.
    void resetView();
    [[nodiscard]] bool followsData() const { return m_followData; }
    /// Keeps the axes where they are set now, as after a zoom or pan (resetView() follows again).
    void stopFollowingData() { m_followData = false; }

    /// Takes in the newest snapshot if one came, and replots (queued). Does nothing while the
    /// plot is hidden or its window minimised: showing it again catches up.
    void replotIfDirty();

    [[nodiscard]] LatentScatter* scatter() const { return m_scatter; }
    /// The column right of the axes holding the legend: tools add their keys (a colour bar)
    /// below it, and take them out again when they are not shown.
    [[nodiscard]] QCPLayoutGrid* sideColumn() const { return m_legendColumn; }
    /// Number of points in the scatter: the test set, plus the training set when shown.
    [[nodiscard]] int pointCount() const;
    /// The latent point under a widget pixel.
    [[nodiscard]] QPointF pixelToLatent(const QPointF& pixel) const;
    [[nodiscard]] QPointF latentToPixel(const QPointF& z) const;

    /// Which plane of a D > 2 latent space is shown (two chosen dimensions or the top two
    /// principal components) and how a picked point becomes a full z. Refits the view.
    void setProjection(const ProjectionSettings& settings);
    [[nodiscard]] const ProjectionSettings& projection() const { return m_projection.settings(); }
    [[nodiscard]] const LatentProjection& projector() const { return m_projection; }
    /// The full latent point of `dim` dimensions for plot coordinates `p` (see LatentProjection).
    [[nodiscard]] std::vector<float> latentPointAt(QPointF p, int dim) const
    {
        return m_projection.lift(p, dim);
    }

    /// Vector discs instead of blitted pixmaps: slower to draw, but crisp at any zoom in a PDF.
    void setVectorPoints(bool vector);

    /// The colour of a digit's points.
    [[nodiscard]] static QColor digitColor(int digit);

    /// Names the legend's keys: class k gets names[k] (the data's class names, e.g. "Sneaker").
    /// Classes past kDigits share no colour yet and get no key; an empty list hides the legend.
    /// Colours by class (setColouring()).
    void setClassNames(const QStringList& names);

    /// What the points' colours mean: the class (a legend), a categorical factor (a legend of its
    /// values), an ordered factor (viridis, with a colour bar over the factor's range, named
    /// after it) or nothing (one colour, no legend). A factor colours the test points by the
    /// snapshot's `factors`; the training set, which has none, is then not drawn. Replots.
    void setColouring(const ScatterColouring& colouring);
    [[nodiscard]] const ScatterColouring& colouring() const { return m_colouring; }
    /// The colour bar of an ordered factor (in the layout, and visible, only then).
    [[nodiscard]] QCPColorScale* colourScale() const { return m_colourScale; }

signals:
    /// The user picked a latent point with the left button.
    void pointPicked(double z1, double z2);
    /// setShowTrainingSet() changed whether the training set is drawn.
    void trainingSetShownChanged(bool shown);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void applySnapshot();
    void setLegendKeys(const QStringList& names);
    /// Puts the legend or the colour bar at the top of the column right of the axes.
    void showColourScale(bool show);
    /// Replots (queued) now, or once the plot is on screen again.
    void requestReplot();
    void fitToData();
    void pick(const QPointF& pixel);
    [[nodiscard]] bool isOnScreen() const;
    [[nodiscard]] QRegion crosshairRegion() const;

    LatentScatter* m_scatter = nullptr;
    LatentProjection m_projection;
    QCPTextElement* m_trainingNote = nullptr;
    QCPLayoutGrid* m_legendColumn = nullptr;
    QCPColorScale* m_colourScale = nullptr;
    ScatterColouring m_colouring;
    /// Colour index 0 for every point, shared by both sets when coloured in one colour.
    std::shared_ptr<const std::vector<std::uint8_t>> m_zeros;
    std::shared_ptr<const vae::LatentSnapshot> m_snapshot;
    bool m_markerShown = false;
    QPointF m_marker;
    bool m_scatterDirty = false;  ///< a snapshot came that the scatter has not taken in
    bool m_replotPending = false; ///< the view changed while the plot was not on screen
    bool m_followData = true;
    bool m_picking = false;
    bool m_panning = false;
    QPointF m_panStart;
    QCPRange m_panStartX;
    QCPRange m_panStartY;
};

} // namespace vae::gui
