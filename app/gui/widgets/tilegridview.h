#pragma once

#include "widgets/tilegrid.h"

#include <QWidget>

#include <memory>

namespace vae::gui {

class FeatureProfile;

/// Shows a TileGrid's image as large as fits, keeping its aspect, with MNIST's white-on-black
/// look; hovering a tile shows its latent point. A table's tiles are drawn as one FeatureProfile
/// instead, a faint line per decoded example (at most kMaxProfileLines of them, evenly picked).
class TileGridView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TileGridView)

public:
    static constexpr int kMaxProfileLines = 200;

    explicit TileGridView(QWidget* parent = nullptr);

    void setGrid(std::shared_ptr<const TileGrid> grid);
    /// Shows `message` instead of a grid.
    void clear(const QString& message);
    [[nodiscard]] const std::shared_ptr<const TileGrid>& grid() const { return m_grid; }

    /// Where the image is drawn, in widget coordinates (null without a grid).
    [[nodiscard]] QRect imageRect() const;
    /// The tile under a widget point, or −1.
    [[nodiscard]] int tileAt(QPoint pos) const;
    /// The profile a table's tiles are drawn in (hidden for images).
    [[nodiscard]] FeatureProfile* profile() const { return m_profile; }

    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override { return width; }
    [[nodiscard]] QSize sizeHint() const override { return {320, 320}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    std::shared_ptr<const TileGrid> m_grid;
    FeatureProfile* m_profile = nullptr;
    QString m_message;
    QImage m_scaled; ///< the image at imageRect()'s size, made once per grid and size
};

} // namespace vae::gui
