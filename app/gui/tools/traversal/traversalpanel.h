#pragma once

#include <vae/inference.h>

#include <QImage>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QScrollArea;
class QSlider;
class QSpinBox;
class QBoxLayout;
class QVBoxLayout;

namespace vae::gui {

class DecodedView;
class ToolContext;

/// Latent traversal for any D ≥ 1: one slider per dimension sets z (live decode), and a grid shows
/// every dimension swept from kLow to kHigh around that z, one row per dimension, the other
/// dimensions fixed.
///
/// Decoding runs on the GUI thread: one image takes well under a millisecond and the whole grid
/// (D · steps images, one decodeBatch call) a few, which is less than a thread hop plus the
/// bookkeeping for a stale result would cost. The grid is rebuilt on a coalescing timer so that a
/// slider drag decodes it at most once per kGridDelayMs, and not at all while the panel is hidden.
class TraversalPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraversalPanel)

public:
    static constexpr double kLow = -3.0;
    static constexpr double kHigh = 3.0;
    /// Slider positions per latent unit: a resolution of 0.01.
    static constexpr int kSliderScale = 100;
    static constexpr int kDefaultSteps = 9;
    static constexpr int kTile = 28; ///< pixels per grid tile in the exported PNG (one per pixel)
    static constexpr int kGridDelayMs = 30;

    explicit TraversalPanel(QWidget* parent = nullptr);
    [[nodiscard]] QSize sizeHint() const override;

    /// The model to decode with; null clears the panel. A model with another latent dimension
    /// rebuilds the sliders and resets z to 0.
    void setModel(std::shared_ptr<const vae::InferenceModel> model);
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& model() const
    {
        return m_model;
    }
    /// Sets z (clamped to [kLow, kHigh], rounded to the slider's resolution) and decodes it.
    /// Ignored when z.size() != D.
    void setZ(const std::vector<float>& z);
    [[nodiscard]] const std::vector<float>& z() const { return m_z; }
    /// Where "From selected point" takes z from; empty (or the wrong size) means 0.
    void setSelectedPoint(std::vector<float> z) { m_selected = std::move(z); }
    void resetToSelected();
    void resetToZero();

    void setSteps(int steps);
    [[nodiscard]] int steps() const;

    [[nodiscard]] int sliderCount() const { return static_cast<int>(m_sliders.size()); }
    [[nodiscard]] QSlider* slider(int dim) const;
    [[nodiscard]] QLabel* valueLabel(int dim) const;
    /// The decoded image of z, and its Bernoulli means [784].
    [[nodiscard]] DecodedView* decodedView() const { return m_decoded; }
    [[nodiscard]] const std::vector<float>& decodedPixels() const { return m_pixels; }

    /// Decodes the grid now if it is out of date (tests and export call this; the panel itself
    /// does it on a timer).
    void updateGrid();
    /// The grid as decoded: D · steps images [D·steps, 784], row-major as traversalGrid's rows.
    [[nodiscard]] const std::vector<float>& gridPixels() const { return m_gridPixels; }
    /// The grid image: (steps · kTile) × (D · kTile) grey pixels, tiles edge to edge (no gaps), row
    /// d is dimension d swept from kLow (left) to kHigh (right). Null without a model.
    [[nodiscard]] const QImage& gridImage() const { return m_gridImage; }
    /// Writes gridImage() as a PNG. Returns false (and sets errorString()) when it cannot.
    bool exportGrid(const QString& path);
    [[nodiscard]] const QString& errorString() const { return m_error; }
    /// How long the last single decode and the last grid decode took, in milliseconds.
    [[nodiscard]] double lastDecodeMs() const { return m_lastDecodeMs; }
    [[nodiscard]] double lastGridMs() const { return m_lastGridMs; }

signals:
    void zChanged();
    void gridUpdated();

protected:
    void showEvent(QShowEvent* event) override;

private:
    class GridView;

    void rebuildSliders(int dim);
    void onSliderMoved(int dim, int position);
    void decodeZ();
    void scheduleGrid();
    void exportGridInteractively();

    std::shared_ptr<const vae::InferenceModel> m_model;
    std::vector<float> m_z;
    std::vector<float> m_selected;
    std::vector<float> m_pixels;
    std::vector<float> m_gridPixels;
    QImage m_gridImage;
    bool m_gridDirty = false;
    QString m_error;
    double m_lastDecodeMs = 0;
    double m_lastGridMs = 0;
    QTimer m_gridTimer;

    std::vector<QSlider*> m_sliders;
    std::vector<QLabel*> m_valueLabels;
    QWidget* m_sliderBox = nullptr;
    QVBoxLayout* m_sliderLayout = nullptr;
    QScrollArea* m_sliderScroll = nullptr;
    DecodedView* m_decoded = nullptr;
    GridView* m_grid = nullptr;
    QBoxLayout* m_top = nullptr;  ///< the decoded view beside the sliders (above, for a table)
    QWidget* m_gridBox = nullptr; ///< the traversal grid; hidden for a table
    QSpinBox* m_steps = nullptr;
    QLabel* m_status = nullptr;
};


} // namespace vae::gui
