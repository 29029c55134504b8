#include "tools/comparison/comparisontool.h"

#include "tools/comparison/comparisonwindow.h"
#include "tools/toolcontext.h"

#include <vae/errors.h>

#include <QAction>

namespace vae::gui {

ComparisonTool::ComparisonTool(ToolContext& context) : QObject(context.window()), m_context(context)
{
    setObjectName(QStringLiteral("comparisonTool"));
    m_action = new QAction(tr("&Compare Models…"), this);
    m_action->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    m_action->setStatusTip(tr("Train an autoencoder and a VAE (or VAEs with different β) side by "
                              "side from the same seed (Ctrl+Shift+C)"));
    connect(m_action, &QAction::triggered, this, &ComparisonTool::askAndOpen);
    context.addSeparator(ToolContext::Place::Training);
    context.addAction(m_action, ToolContext::Place::Training);
    connect(&context, &ToolContext::dataLoaded, this, [this] {
        const QString preset = m_context.options().comparePreset;
        if (preset.isEmpty() || m_comparison)
            return;
        const std::optional<std::vector<ComparedModel>> models = comparisonPreset(preset);
        if (!models)
            return; // parseCommandLine() accepts only known presets
        try {
            openComparison(m_context.trainingSettings(), *models);
        } catch (const vae::Error& e) {
            m_context.reportError(tr("Cannot compare models"), QString::fromStdString(e.what()));
        }
    });
}

void ComparisonTool::askAndOpen()
{
    if (!(m_context.data() != nullptr)) {
        m_context.reportError(tr("Cannot compare models"),
                              tr("The MNIST data is not loaded, so there is nothing to train on."));
        return;
    }
    vae::TrainingConfig base;
    try {
        base = m_context.trainingSettings();
    } catch (const vae::Error& e) {
        m_context.reportError(tr("Invalid settings"), QString::fromStdString(e.what()));
        return;
    }
    // Window-modal and non-blocking, like the main window's dialogs: a nested event loop would
    // re-enter the training poll timer.
    auto* dialog = new ComparisonDialog(base, m_context.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { openComparison(dialog->config(), dialog->models()); });
    dialog->open();
}

ComparisonWindow* ComparisonTool::openComparison(const vae::TrainingConfig& base,
                                                 std::vector<ComparedModel> models)
{
    if (!(m_context.data() != nullptr)) {
        m_context.reportError(tr("Cannot compare models"),
                              tr("The MNIST data is not loaded, so there is nothing to train on."));
        return nullptr;
    }
    ComparisonWindow* comparison = nullptr;
    try {
        comparison = new ComparisonWindow(m_context.data(), base, std::move(models), m_context.window());
    } catch (const vae::Error& e) {
        m_context.reportError(tr("Invalid settings"), QString::fromStdString(e.what()));
        return nullptr;
    } catch (const std::exception& e) {
        m_context.reportError(tr("Cannot compare models"), QString::fromStdString(e.what()));
        return nullptr;
    }
    // Only once the new settings are known to be valid: a refused comparison must not cost the
    // one on screen (docs/reliability.md: nothing lost).
    if (m_comparison)
        m_comparison->close(); // stops its trainers; deleted on close
    comparison->setAttribute(Qt::WA_DeleteOnClose);
    m_comparison = comparison;
    comparison->show();
    comparison->raise();
    comparison->activateWindow();
    comparison->start();
    return comparison;
}

} // namespace vae::gui
