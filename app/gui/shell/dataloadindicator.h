#pragma once

#include <QTimer>
#include <QWidget>

class QProgressBar;
class QToolButton;

namespace vae::gui {

class Session;

/// The status bar's sign that a dataset is loading: a progress bar — "1,234 / 70,000 images" while
/// an image folder decodes, a busy bar for data that reports no count — and a Cancel button that
/// abandons the load (Session::cancelLoading(): the data and the model stay as they were).
///
/// It appears only once a load has taken kShowDelayMs, so the built-in datasets (a quarter to half
/// a second) do not flash it; the status bar's text says what is loading from the start.
class DataLoadIndicator final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataLoadIndicator)

public:
    explicit DataLoadIndicator(Session& session, QWidget* parent = nullptr);

    static constexpr int kShowDelayMs = 400;

    [[nodiscard]] QProgressBar* progressBar() const { return m_bar; }
    [[nodiscard]] QToolButton* cancelButton() const { return m_cancel; }

private:
    void onStarted();
    void onProgress(int done, int total);
    void onFinished();

    Session& m_session;
    QProgressBar* m_bar = nullptr;
    QToolButton* m_cancel = nullptr;
    QTimer m_showTimer;
};

} // namespace vae::gui
