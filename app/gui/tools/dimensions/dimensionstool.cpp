#include "tools/dimensions/dimensionstool.h"

#include "tools/dimensions/dimensionspanel.h"

#include "widgets/explanation.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"

#include <vae/latent_stats.h>

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace vae::gui {


DimensionsTool::DimensionsTool(ToolContext& context) : QObject(context.window()), m_context(context)
{
    m_panel = new DimensionsPanel;
    m_dock = new QDockWidget(tr("Latent Dimensions"), context.window());
    m_dock->setObjectName(QStringLiteral("dimensionsDock"));
    m_dock->setWidget(m_panel);
    QAction* toggle = context.addDock(m_dock, Qt::RightDockWidgetArea, tr("Latent &Dimensions"), Qt::CTRL | Qt::Key_K,
        tr("KL per latent dimension, active units, and which plane the latent plot shows (Ctrl+K)"),
        &m_sized); // a size restored from the saved layout stays

    // The panel keeps only the newest snapshot and computes when it is visible.
    connect(&context, &ToolContext::latentUpdated, this,
            [this] { m_panel->setSnapshot(m_context.latestLatent()); });
    connect(m_panel, &DimensionsPanel::projectionChanged, this,
            [this](const ProjectionSettings& settings) {
                LatentPlot* plot = m_context.latentPlot();
                if (settings == plot->projection())
                    return;
                plot->setProjection(settings);
                // Decode again: the crosshair's point now means another z.
                if (m_context.model())
                    m_context.decodeAt(plot->marker().x(), plot->marker().y());
            });
    // Which dimension captures which factor, for data with known factors (shapes).
    const auto takeFactors = [this] {
        const vae::DataDescription& description = m_context.dataDescription();
        QStringList names;
        for (const std::string& name : description.factorNames)
            names << QString::fromStdString(name);
        m_panel->setFactors(names, description.factorSizes);
    };
    connect(&context, &ToolContext::dataLoaded, this, takeFactors);
    takeFactors();
    m_panel->setSnapshot(context.latestLatent());

    // --projection asks for a plane before any model exists: applied once D > 2 is known.
    if (const std::optional<ProjectionSettings>& wanted = context.options().projection)
        m_pendingProjection = *wanted;
    connect(&context, &ToolContext::latentUpdated, this, [this] {
        const auto& latent = m_context.latestLatent();
        if (m_pendingProjection && latent && latent->posterior.dim > 2) {
            m_panel->setProjection(*m_pendingProjection);
            m_pendingProjection.reset();
        }
    });
    // The bars need about 300 px; the first time the dock opens, leave the rest of the column to
    // the docks beside it (a traversal grid is tall).
    // (Triggered by the user, not toggled: a size restored from the saved layout stays.)
    const auto sizeOnce = [this] {
        if (!m_sized) {
            m_sized = true;
            // The MIG heat map (data with factors) needs room of its own.
            m_context.resizeDock(m_dock, m_panel->migBox()->isVisibleTo(m_panel)
                                             ? kInitialHeightWithFactors
                                             : kInitialHeight);
        }
    };
    connect(toggle, &QAction::triggered, this, [sizeOnce](bool on) {
        if (on)
            sizeOnce();
    });
    if (context.options().showLatentDimensions) {
        m_dock->show();
        sizeOnce();
    }
}

} // namespace vae::gui
