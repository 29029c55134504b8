#include "tools/gradients/gradienttool.h"

#include "tools/gradients/gradientpanel.h"

#include "tools/toolcontext.h"
#include "widgets/panelscroll.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDockWidget>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vae::gui {


GradientTool::GradientTool(ToolContext& context) : QObject(context.window()), m_context(context)
{
    m_panel = new GradientPanel;
    m_dock = new QDockWidget(tr("Gradient Estimators"), context.window());
    m_dock->setObjectName(QStringLiteral("gradientsDock"));
    m_dock->setWidget(scrollablePanel(m_panel));
    context.addDock(m_dock, Qt::RightDockWidgetArea, tr("&Gradient Estimators"), Qt::CTRL | Qt::Key_G,
                           tr("Variance of the reparameterization and score-function gradient "
                              "estimators for a batch of test images (Ctrl+G)"));

    connect(m_dock, &QDockWidget::visibilityChanged, m_panel, &GradientPanel::setActive);
    connect(&context, &ToolContext::modelChanged, this,
            [this] { m_panel->setModel(m_context.model()); });
    connect(&context, &ToolContext::dataLoaded, this, &GradientTool::syncData);
    connect(&context, &ToolContext::trainingStateChanged, this,
            [this] { m_panel->setThrottled(m_context.isTraining()); });
    syncData();
    m_panel->setModel(context.model());
    if (context.options().showGradients) {
        m_dock->show();
        m_dock->raise();
    }
}

void GradientTool::syncData()
{
    const std::shared_ptr<const vae::Dataset>& data = m_context.data();
    if (!data)
        return;
    // Aliasing: shares ownership of the whole data set, points at its test pixels.
    m_panel->setTestImages(std::shared_ptr<const std::vector<float>>(data, &data->test.pixels),
                           data->test.count);
}

} // namespace vae::gui
