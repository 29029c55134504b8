#include "tools/traversal/traversaltool.h"

#include "tools/traversal/traversalpanel.h"

#include "widgets/decodedview.h"
#include "widgets/explanation.h"
#include "tools/toolcontext.h"

#include <vae/latent_stats.h>

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vae::gui {


TraversalTool::TraversalTool(ToolContext& context) : QObject(context.window()), m_context(context)
{
    m_panel = new TraversalPanel;
    m_dock = new QDockWidget(tr("Traversal"), context.window());
    m_dock->setObjectName(QStringLiteral("traversalDock"));
    m_dock->setWidget(m_panel);
    QAction* toggle = context.addDock(m_dock, Qt::RightDockWidgetArea, tr("&Traversal"), Qt::CTRL | Qt::Key_R,
        tr("Sliders for every latent dimension and a traversal grid (Ctrl+R)"));

    // While the dock is hidden the panel is left alone (the trainer swaps models every ~250 ms);
    // showing it catches up.
    connect(&context, &ToolContext::modelChanged, this, [this] {
        if (m_dock->isVisible())
            sync();
    });
    connect(&context, &ToolContext::decoded, this,
            [this] { m_panel->setSelectedPoint(m_context.lastDecodedZ()); });
    connect(toggle, &QAction::toggled, this, [this](bool on) {
        // Opening the panel starts it from what the main window shows now.
        if (on) {
            sync();
            m_panel->resetToSelected();
        }
    });
    if (context.options().showTraversal)
        m_dock->show();
}

void TraversalTool::sync()
{
    m_panel->setSelectedPoint(m_context.lastDecodedZ());
    if (m_panel->model() != m_context.model())
        m_panel->setModel(m_context.model());
}

QAction* TraversalTool::toggleAction() const
{
    return m_dock->toggleViewAction();
}

} // namespace vae::gui
