#include "shell/unsavedwork.h"

#include "session/session.h"
#include "shell/mainwindow.h"

#include <QCloseEvent>
#include <QFileInfo>
#include <QMessageBox>

namespace vae::gui {

UnsavedWorkGuard::UnsavedWorkGuard(MainWindow* window) : QObject(window), m_window(window)
{
    window->installEventFilter(this);
}

QString UnsavedWorkGuard::question() const
{
    if (m_window->isTraining())
        return tr("Training is running: closing the window stops it. Save the model trained so "
                  "far before closing?");
    if (m_window->session().isRecovered())
        return tr("The model restored from an autosave has not been saved. Save it before "
                  "closing?");
    if (m_window->hasUnsavedModel())
        return tr("The model trained in this session has not been saved. Save it before "
                  "closing?");
    return {};
}

void UnsavedWorkGuard::setAnswer(Answer answer, const QString& savePath)
{
    m_answer = answer;
    m_savePath = savePath;
}

UnsavedWorkGuard::Answer UnsavedWorkGuard::ask(const QString& title, const QString& question) const
{
    if (!m_window->options().showDialogs)
        return m_answer;
    QMessageBox box(QMessageBox::Question, title, question,
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, m_window);
    box.setDefaultButton(QMessageBox::Save);
    box.setEscapeButton(QMessageBox::Cancel);
    if (m_window->isTraining())
        box.setInformativeText(tr("Discard stops training and closes without saving; Cancel "
                                  "keeps training."));
    switch (box.exec()) {
    case QMessageBox::Save:
        return Answer::Save;
    case QMessageBox::Discard:
        return Answer::Discard;
    default: // Cancel, Escape, the box's close button
        return Answer::Cancel;
    }
}

bool UnsavedWorkGuard::confirmClose()
{
    const QString text = question();
    return text.isEmpty() || confirm(tr("Close VAE Explorer"), text);
}

bool UnsavedWorkGuard::confirmReplace(const QString& path)
{
    if (m_window->isTraining() || !m_window->hasUnsavedModel())
        return true;
    return confirm(tr("Open Model"),
                   (m_window->session().isRecovered()
                        ? tr("Opening %1 replaces the model restored from an autosave, which has "
                             "not been saved. Save it first?")
                        : tr("Opening %1 replaces the model trained in this session, which has "
                             "not been saved. Save it first?"))
                       .arg(QFileInfo(path).fileName()));
}

bool UnsavedWorkGuard::confirm(const QString& title, const QString& text)
{
    m_lastQuestion = text;
    ++m_questionCount;
    emit asked(text);
    const Answer answer = ask(title, text);
    if (answer == Answer::Cancel)
        return false;
    if (answer == Answer::Discard)
        return true;

    // Save. The file is chosen while a run goes on, so that cancelling the dialog loses nothing.
    // The strings are File ▸ Save Model…'s own (MainWindow's translation context).
    const QString path =
        m_window->options().showDialogs
            ? m_window->askSaveFile(
                  MainWindow::tr("Save Model"), MainWindow::tr("Model checkpoints (*.safetensors)"),
                  QStringLiteral("safetensors"), QStringLiteral("vae-model.safetensors"))
            : m_savePath;
    if (path.isEmpty())
        return false; // the save dialog was cancelled
    // A run's model changes until it stops: stop it (within one batch) so that the file holds
    // what the window showed last, and so that the save counts as saving it.
    m_window->stopTraining();
    // A failed save was reported by saveModel(); the window stays open with the model.
    return m_window->saveModel(path) && !m_window->hasUnsavedModel();
}

bool UnsavedWorkGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_window || event->type() != QEvent::Close)
        return QObject::eventFilter(watched, event);
    if (m_asking) {
        // A close request while the question is open (a second click on the window's close
        // button): the open question decides.
        event->ignore();
        return true;
    }
    m_asking = true;
    const bool close = confirmClose();
    m_asking = false;
    if (close)
        return false; // on to MainWindow::closeEvent: stops and joins the trainer
    event->ignore();
    return true;
}

} // namespace vae::gui
