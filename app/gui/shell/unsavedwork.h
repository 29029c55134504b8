#pragma once

#include <QObject>
#include <QString>

namespace vae::gui {

class MainWindow;

/// Keeps closing the window from losing work without asking. Work is a run in progress (closing
/// stops it) or a model trained in this session that has not been saved
/// (MainWindow::hasUnsavedModel()). Closing then asks Save / Discard / Cancel:
/// - Save: the usual save dialog. Once a file is chosen, a run is stopped (the file holds its
///   final weights), the model is saved and the window closes. A cancelled save dialog keeps the
///   window open with nothing changed (a run goes on); a failed save keeps it open too, with the
///   error shown and the stopped run's model still there to save elsewhere.
/// - Discard: stops a run and closes without saving.
/// - Cancel: keeps the window open; a run goes on.
///
/// It watches the window's Close events (an event filter), so MainWindow::closeEvent, which stops
/// and joins the trainer, runs only when the answer lets the window close. Opening a model over an
/// unsaved one asks the same way (confirmReplace()); opening while training runs is refused by
/// MainWindow::openModel with a message instead, as the run would have to be stopped first.
///
/// With LaunchOptions::showDialogs off (tests, scripted windows) no dialog opens: the question is
/// still reported (asked(), lastQuestion()) and the answer given with setAnswer() is taken —
/// Discard until one is set, so an unattended window closes as it always did.
class UnsavedWorkGuard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnsavedWorkGuard)

public:
    enum class Answer { Save, Discard, Cancel };

    /// Watches `window`'s Close events; owned by `window`.
    explicit UnsavedWorkGuard(MainWindow* window);

    /// What closing would ask now, or empty when nothing would be lost.
    [[nodiscard]] QString question() const;
    /// Asks question() (or takes the preset answer) and acts on the answer; true when the window
    /// may close. True at once when nothing would be lost.
    bool confirmClose();
    /// Before `path` replaces the model being explored: asks Save / Discard / Cancel when it is a
    /// model trained in this session and not saved; true when opening may go ahead.
    bool confirmReplace(const QString& path);

    /// The answer used when dialogs are off, and for Save the file to save to (empty: as if the
    /// save dialog had been cancelled).
    void setAnswer(Answer answer, const QString& savePath = {});
    /// The last question asked (empty if none) and how many have been asked.
    [[nodiscard]] const QString& lastQuestion() const { return m_lastQuestion; }
    [[nodiscard]] int questionCount() const { return m_questionCount; }

signals:
    void asked(const QString& question);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    [[nodiscard]] Answer ask(const QString& title, const QString& question) const;
    /// Asks and acts on the answer: Save saves (a run is stopped first); true when the work may
    /// be let go.
    bool confirm(const QString& title, const QString& question);

    MainWindow* m_window;
    Answer m_answer = Answer::Discard;
    QString m_savePath;
    QString m_lastQuestion;
    int m_questionCount = 0;
    bool m_asking = false; ///< a question is open: a second close request waits for its answer
};

} // namespace vae::gui
