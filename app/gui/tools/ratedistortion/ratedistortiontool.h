#pragma once

#include <QObject>

#include <cstdint>

class QAction;
class QDockWidget;

namespace vae::gui {

class RateDistortionPlot;
class ToolContext;

/// Explore ▸ Rate–Distortion (Ctrl+Shift+R): a dock with the main window's run in the
/// rate–distortion plane, traced live from the step records, with a short explanation.
class RateDistortionTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateDistortionTool)

public:
    explicit RateDistortionTool(ToolContext& context);

    [[nodiscard]] RateDistortionPlot* plot() const { return m_plot; }
    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] QAction* panelAction() const;

private:
    void onTrainingStateChanged();
    void reloadHistory();

    ToolContext& m_context;
    std::uint64_t m_run = 0; ///< the run the curve shows (ToolContext::runId)
    QDockWidget* m_dock = nullptr;
    RateDistortionPlot* m_plot = nullptr;
};

} // namespace vae::gui
