#pragma once

#include "session/projectionsettings.h"

#include <QObject>

#include <optional>

class QAction;
class QDockWidget;

namespace vae::gui {

class ToolContext;
class DimensionsPanel;

/// Puts a DimensionsPanel in a "Latent Dimensions" dock (Explore menu and toolbar, Ctrl+K), feeds
/// it the window's latent snapshots and applies its projection to the latent plot.
class DimensionsTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DimensionsTool)

public:
    explicit DimensionsTool(ToolContext& context);

    [[nodiscard]] DimensionsPanel* panel() const { return m_panel; }
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }

private:
    ToolContext& m_context;
    DimensionsPanel* m_panel = nullptr;
    QDockWidget* m_dock = nullptr;
    std::optional<ProjectionSettings> m_pendingProjection;
    static constexpr int kInitialHeight = 320;
    static constexpr int kInitialHeightWithFactors = 600;
    bool m_sized = false;
};

} // namespace vae::gui
