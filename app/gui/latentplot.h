#pragma once

#include <vae/types.h>

#include <qcustomplot.h>

#include <array>
#include <memory>

namespace vae::gui {

/// The posterior means of the test images on the (z₁, z₂) plane, coloured by digit.
///
/// Mouse: the left button picks a latent point (press, and drag to keep picking); the wheel zooms
/// around the cursor; the right or middle button pans; a double click fits the view to the data
/// again. While the view is not zoomed or panned it follows the data as new snapshots arrive.
class LatentPlot final : public QCustomPlot {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatentPlot)

public:
    static constexpr int kDigits = 10;

    explicit LatentPlot(QWidget* parent = nullptr);

    /// Shows the snapshot's μ (dims 0 and 1). Cheap to call often: the work happens in
    /// replotIfDirty(), so only the newest snapshot per timer tick is drawn.
    void setSnapshot(std::shared_ptr<const vae::LatentSnapshot> snapshot);
    [[nodiscard]] const std::shared_ptr<const vae::LatentSnapshot>& snapshot() const
    {
        return m_snapshot;
    }
    void clearPoints();

    /// Moves the crosshair to (z1, z2) and redraws only the crosshair's layer.
    void setMarker(double z1, double z2);
    [[nodiscard]] QPointF marker() const { return m_marker; }

    /// Fits the axes to the data and follows it from now on.
    void resetView();
    [[nodiscard]] bool followsData() const { return m_followData; }

    /// Rebuilds the scatter from the newest snapshot if one came, and replots (queued).
    void replotIfDirty();

    [[nodiscard]] QCPGraph* digitGraph(int digit) const { return m_digits[digit]; }
    /// Number of points in the scatter, over all digits.
    [[nodiscard]] int pointCount() const;
    /// The latent point under a widget pixel.
    [[nodiscard]] QPointF pixelToLatent(const QPointF& pixel) const;
    [[nodiscard]] QPointF latentToPixel(const QPointF& z) const;

    /// Vector discs instead of blitted pixmaps: slower to draw, but crisp at any zoom in a PDF.
    void setVectorPoints(bool vector);

    /// The colour of a digit's points.
    [[nodiscard]] static QColor digitColor(int digit);

signals:
    /// The user picked a latent point with the left button.
    void pointPicked(double z1, double z2);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void rebuildScatter();
    void fitToData();
    void pick(const QPointF& pixel);

    std::array<QCPGraph*, kDigits> m_digits{};
    std::shared_ptr<const vae::LatentSnapshot> m_snapshot;
    QCPItemTracer* m_crosshair = nullptr;
    QCPLayer* m_overlay = nullptr;
    QPointF m_marker;
    bool m_scatterDirty = false;
    bool m_replotted = false;
    bool m_followData = true;
    bool m_picking = false;
    bool m_panning = false;
    QPointF m_panStart;
    QCPRange m_panStartX;
    QCPRange m_panStartY;
};

} // namespace vae::gui
