#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

#include <span>
#include <vector>

namespace vae::gui {

/// A 28×28 canvas to draw a digit on, shown enlarged (10 screen pixels per image pixel by default).
/// The left mouse button draws, the right one erases; strokes are white on black as in MNIST.
///
/// The brush is soft and round, like a pen stroke in MNIST: an image pixel whose centre is within
/// r − 0.5 of the stroke's centre line (r = brush size / 2) gets full ink, and the ink fades
/// linearly to nothing at r + 1 (see brushValue()). Ink never adds up beyond 1: a pixel keeps the
/// strongest value any stroke gave it, so crossing strokes look like crossing pen lines.
///
/// Images (PNG, JPEG, …) dropped on the pad are announced with imageDropped(); the owner decides
/// how to load them.
class DrawPad final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawPad)

public:
    static constexpr int kSide = 28;
    static constexpr int kMinBrush = 1;
    static constexpr int kMaxBrush = 4;

    explicit DrawPad(QWidget* parent = nullptr);

    /// 784 grey levels in [0, 1], row-major.
    [[nodiscard]] const std::vector<float>& pixels() const { return m_pixels; }
    /// Replaces the whole drawing (784 values in [0, 1]); emits changed().
    void setPixels(std::span<const float> pixels);
    void clear();
    [[nodiscard]] bool isEmpty() const;

    /// Brush diameter in image pixels, 1–4.
    void setBrushSize(int size);
    [[nodiscard]] int brushSize() const { return m_brushSize; }

    /// Screen pixels per image pixel.
    [[nodiscard]] int cellSize() const;
    /// The widget point at the centre of image pixel (row, col).
    [[nodiscard]] QPointF cellCentre(int row, int col) const;

    /// The ink a brush of `size` leaves on a pixel whose centre is `distance` image pixels from the
    /// stroke's centre line.
    [[nodiscard]] static float brushValue(double distance, int size);

    /// Paints a stroke from `from` to `to` (image coordinates: pixel (r, c) covers [c, c+1) ×
    /// [r, r+1)); erases instead when `erase`. Emits changed().
    void stroke(QPointF from, QPointF to, bool erase);

    [[nodiscard]] QSize sizeHint() const override;

signals:
    /// The drawing changed (a stroke, Clear, or setPixels()).
    void changed();
    /// A local image file was dropped on the pad.
    void imageDropped(const QString& path);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    [[nodiscard]] QRect padRect() const;
    [[nodiscard]] QPointF toImage(QPointF widgetPoint) const;

    std::vector<float> m_pixels;
    int m_brushSize = 2;
    bool m_drawing = false;
    bool m_erasing = false;
    QPointF m_last;
};

} // namespace vae::gui
