#include "tools/ratedistortion/ratedistortiontool.h"

#include "plots/ratedistortionplot.h"
#include "tools/toolcontext.h"
#include "widgets/panelscroll.h"

#include <QDockWidget>
#include <QLabel>
#include <QVBoxLayout>

namespace vae::gui {

RateDistortionTool::RateDistortionTool(ToolContext& context) : QObject(context.window()), m_context(context)
{
    setObjectName(QStringLiteral("rateDistortionTool"));
    m_dock = new QDockWidget(tr("Rate–Distortion"), context.window());
    m_dock->setObjectName(QStringLiteral("rateDistortionDock"));
    auto* panel = new QWidget(m_dock);
    auto* layout = new QVBoxLayout(panel);
    m_plot = new RateDistortionPlot(panel);
    m_plot->setMinimumSize(280, 260);
    m_plot->addCurve(tr("this run"), QColor(0x1f, 0x77, 0xb4));
    layout->addWidget(m_plot, 1);
    auto* note = new QLabel(rateDistortionExplanation(), panel);
    note->setWordWrap(true);
    note->setTextFormat(Qt::RichText);
    layout->addWidget(note);
    m_dock->setWidget(scrollablePanel(panel));
    context.addDock(m_dock, Qt::RightDockWidgetArea, tr("&Rate–Distortion"), Qt::CTRL | Qt::SHIFT | Qt::Key_R,
                           tr("The run's path in the plane of rate KL(q‖p) and distortion "
                              "(reconstruction), with lines of constant ELBO (Ctrl+Shift+R)"));

    connect(&context, &ToolContext::stepsReceived, this,
            [this](const std::vector<vae::StepRecord>& steps,
                   const std::vector<vae::EpochSummary>& epochs) {
                m_plot->addSteps(0, steps);
                m_plot->addEpochs(0, epochs);
                m_plot->replotIfDirty(!epochs.empty());
            });
    connect(&context, &ToolContext::trainingStateChanged, this,
            &RateDistortionTool::onTrainingStateChanged);
    connect(&context, &ToolContext::modelOpened, this, &RateDistortionTool::reloadHistory);
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this] { m_plot->replotIfDirty(true); });
    if (context.options().showRateDistortion) {
        m_dock->show();
        m_dock->raise();
    }
}

QAction* RateDistortionTool::panelAction() const
{
    return m_dock->toggleViewAction();
}

void RateDistortionTool::onTrainingStateChanged()
{
    const std::uint64_t run = m_context.runId();
    if (run == m_run || run == 0)
        return;
    // A new run: every one of its steps comes through stepsReceived, from the first.
    m_run = run;
    m_plot->resetCurve(0);
    m_plot->replotIfDirty(true);
}

void RateDistortionTool::reloadHistory()
{
    m_run = 0;
    m_plot->setHistory(0, m_context.history());
    m_plot->replotIfDirty(true);
}

} // namespace vae::gui
