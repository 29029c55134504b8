#pragma once

#include <vae/types.h>

#include <qcustomplot.h>

#include <QImage>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace vae::gui {

/// A scatter of latent means, coloured by class (or by any per-point index into a palette: a
/// factor of the data, or one colour), fast enough for all 70,000 MNIST images at frame rate.
///
/// QCPGraph draws every point through QPainter (~65 ms for 60,000 points at 800×800 here). This
/// plottable instead blits one pre-rendered disc per point straight into an image the size of the
/// axis rect, in one pass over the data, and hands QCustomPlot that image: a few milliseconds for
/// 70,000 points. Discs are rendered at 4×4 sub-pixel offsets, so points sit where they belong
/// instead of snapping to the pixel grid. Points outside the axis rect cost one comparison.
///
/// The points are read where they lie (the posterior's μ array, through a shared pointer): taking
/// a new snapshot copies nothing. Two sets are drawn, training images first and lighter, test
/// images on top. For vector output (PDF) the discs are drawn as ellipses while there are few
/// enough of them, else as a high-resolution image.
class LatentScatter final : public QCPAbstractPlottable {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatentScatter)

public:
    enum Set { TrainingSet, TestSet, SetCount }; ///< also the drawing order
    static constexpr int kDigits = 10;

    /// Registers itself with the axes' plot, as QCPGraph does; the plot owns it.
    LatentScatter(QCPAxis* keyAxis, QCPAxis* valueAxis);
    ~LatentScatter() override;

    /// Shows dims 0 and 1 of `posterior`'s μ (a 1-D latent space on the line z₂ = 0), point i in
    /// palette colour (*colours)[i · stride + offset] (values ≥ the palette's size are not
    /// drawn): the class labels (stride 1), or one column of the [n, K] factor indices (stride K,
    /// offset k), read in place. Null clears the set. O(n) for new points (their bounds), O(1)
    /// when the same ones come again.
    void setPoints(Set set, std::shared_ptr<const vae::Posterior> posterior,
                   std::shared_ptr<const std::vector<std::uint8_t>> colours, int stride = 1,
                   int offset = 0);
    void clearPoints();
    void setSetVisible(Set set, bool visible);
    [[nodiscard]] bool isSetVisible(Set set) const { return m_sets[set].visible; }

    /// Points of the shown sets (with a valid label).
    [[nodiscard]] int pointCount() const;
    /// Points of one set, shown or not.
    [[nodiscard]] int pointCount(Set set) const { return m_sets[set].validCount; }
    /// Points the last draw put (at least partly) inside the axis rect.
    [[nodiscard]] int drawnPointCount() const { return m_drawnCount; }
    /// (μ₁, μ₂) of point `index` of a set, and its colour index (the label when coloured by class).
    [[nodiscard]] QPointF point(Set set, int index) const;
    [[nodiscard]] int label(Set set, int index) const;

    /// The colours points are drawn in, by colour index (opaque RGB; the training set's are made
    /// lighter). At most kMaxColours; the class palette (digitColor) until set. Rebuilds the
    /// pre-rendered discs at the next draw: colours × 16 small discs, well under a millisecond
    /// for the 40 of a factor.
    void setPalette(std::vector<QRgb> palette);
    [[nodiscard]] const std::vector<QRgb>& palette() const { return m_palette; }
    static constexpr int kMaxColours = 256;
    /// The class palette: kDigits colours (digitColor).
    [[nodiscard]] static std::vector<QRgb> classPalette();
    /// The smallest rectangle (in latent coordinates) holding every shown point; nothing when no
    /// point is shown.
    [[nodiscard]] std::optional<QRectF> bounds() const;

    /// Forces ellipses instead of blitted discs (crisp at any zoom, but slow for many points).
    void setVectorPoints(bool vector) { m_vectorPoints = vector; }

    [[nodiscard]] static QColor digitColor(int digit);
    /// Diameters in pixels (at device pixel ratio 1).
    static constexpr double kTestPointSize = 3.5;
    static constexpr double kTrainingPointSize = 2.5;
    /// Opacity of the training-set discs: dense regions still read as their class colour, single
    /// points stay in the background of the test set.
    static constexpr double kTrainingOpacity = 0.35;
    /// Above this many visible points a vector export draws an image instead (a PDF with 70,000
    /// ellipses is tens of MB and slow to open).
    static constexpr int kMaxVectorPoints = 20000;

    // QCPAbstractPlottable
    double selectTest(const QPointF& pos, bool onlySelectable,
                      QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange,
                         QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    struct PointSet {
        std::shared_ptr<const vae::Posterior> posterior;
        std::shared_ptr<const std::vector<std::uint8_t>> labels; ///< colour indices
        int stride = 1;     ///< point i's colour is (*labels)[i · stride + offset]
        int offset = 0;
        int count = 0;      ///< points with a label
        int validCount = 0; ///< points with a valid label
        std::optional<QRectF> bounds;
        bool visible = true;
    };
    /// Discs of one set at one scale: the palette's colours × kPhases² sub-pixel offsets, side ×
    /// side premultiplied ARGB pixels each.
    struct Sprites {
        double scale = 0;
        int side = 0;
        std::vector<std::uint32_t> pixels;
        [[nodiscard]] const std::uint32_t* at(int digit, int phaseX, int phaseY) const;
    };
    static constexpr int kPhases = 4;

    void drawRaster(QCPPainter* painter, const QRect& clip, double scale);
    void drawVector(QCPPainter* painter, const QRect& clip);
    int countVisible(const QRect& clip) const;
    /// Counts the points with a colour and finds their bounds (after new points or a new palette).
    void measure(PointSet& points) const;
    [[nodiscard]] int colourIndex(const PointSet& points, int index) const
    {
        return (*points.labels)[static_cast<std::size_t>(index) * std::size_t(points.stride) +
                                std::size_t(points.offset)];
    }
    const Sprites& sprites(Set set, double scale);

    std::array<PointSet, SetCount> m_sets;
    std::array<Sprites, SetCount> m_sprites;
    std::vector<QRgb> m_palette;
    QImage m_image;
    int m_drawnCount = 0;
    bool m_vectorPoints = false;
};

} // namespace vae::gui
