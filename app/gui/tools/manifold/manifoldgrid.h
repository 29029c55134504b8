#pragma once

#include "widgets/tilegrid.h"

#include <qcustomplot.h>

#include <QImage>
#include <QRectF>

#include <memory>

namespace vae::gui {

/// The learned manifold under the latent scatter: an n × n grid of decoded images, each tile the
/// decoder's Bernoulli means at the tile's centre, tiling the region of the latent plane that was
/// visible when they were decoded (Kingma & Welling 2014, Fig. 4(a), but over the plotted region).
///
/// Tiles are drawn muted — grey ink on near-white paper, as squares centred in their cells — so
/// the coloured points on top stay readable and digits are not stretched when the plot is not
/// square. The composed overlay image is built off the GUI thread at the plot's pixel size
/// (composeOverlay()); draw() then only blits it. When the view has been zoomed, panned or resized
/// since, the image is scaled to where its region lies now until the new tiles arrive, so the
/// tiles never sit at the wrong latent coordinates.
///
/// It lives on its own layer below the axis grid and the scatter (layerName()).
class ManifoldGrid final : public QCPAbstractPlottable {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifoldGrid)

public:
    /// The layer the tiles are drawn on: created below QCustomPlot's "grid" layer.
    static constexpr const char* kLayerName = "manifold";
    /// Grey of the tiles' paper and of full ink (p = 1): the digits read clearly but stay lighter
    /// than every scatter colour.
    static constexpr int kPaperGrey = 246;
    static constexpr int kInkGrey = 120;
    /// Pixels left between neighbouring tiles along the shorter side of a cell.
    static constexpr int kTileGap = 1;

    /// Registers itself with the axes' plot (which owns it), on the manifold layer.
    ManifoldGrid(QCPAxis* keyAxis, QCPAxis* valueAxis);
    ~ManifoldGrid() override;

    /// What one refresh produced.
    struct Tiles {
        std::shared_ptr<const TileGrid> grid; ///< n × n tiles, row 0 at the top (largest z₂)
        QRectF region;  ///< latent rectangle the tiles cover: x = z₁ from left to right, y = z₂
                        ///< from top() = smallest to bottom() = largest
        QImage overlay; ///< composeOverlay(*grid, size of `region` in device pixels then)
    };
    void setTiles(Tiles tiles);
    void clearTiles();
    [[nodiscard]] const Tiles& tiles() const { return m_tiles; }
    /// Number of tiles shown (0 when none).
    [[nodiscard]] int tileCount() const { return m_tiles.grid ? m_tiles.grid->count() : 0; }
    /// Where tile `index`'s square is drawn now, in widget pixels.
    [[nodiscard]] QRectF tileRect(int index) const;
    /// How many draws had to scale the overlay (the view changed since it was composed).
    [[nodiscard]] int scaledDrawCount() const { return m_scaledDraws; }

    /// The muted look of the tiles, at `size` device pixels: cells of size/n, each holding its
    /// tile as the largest square that fits (less kTileGap), centred, resampled by area averaging;
    /// transparent between them. Thread-safe.
    [[nodiscard]] static QImage composeOverlay(const TileGrid& grid, QSize size);
    /// The grey a decoded mean is drawn with in the overlay.
    [[nodiscard]] static int mutedGrey(float pixel);
    /// Position and side of tile (r, c)'s square inside an overlay of `size` pixels, n per side.
    [[nodiscard]] static QRectF squareInCell(QSizeF size, int n, int r, int c);

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
    /// `region` in widget pixels, as the axes map it now.
    [[nodiscard]] QRectF pixelRect() const;

    Tiles m_tiles;
    int m_scaledDraws = 0;
};

} // namespace vae::gui
