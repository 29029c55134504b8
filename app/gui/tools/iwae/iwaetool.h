#pragma once

#include <vae/inference.h>
#include <vae/likelihood.h>

#include <QDockWidget>
#include <QFutureWatcher>
#include <QPromise>
#include <QString>
#include <QThreadPool>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace vae::gui {

class ToolContext;

/// Explore ▸ Importance-Weighted Bound (Ctrl+Shift+B): log p(x) estimates L_k on the test set for
/// k = 1, 10, 100, 1000 (Burda et al. 2015), as a plot over a logarithmic k axis and a table. For a
/// 2-D latent space the mean of log p(x) by quadrature over the same images (vae::posteriorGrid)
/// is drawn as a horizontal line: the bounds rise towards it.
///
/// The images are the first n of the test set (n chosen in the panel, kDefaultImages by default),
/// all L_k with the same seed kSeed (vae::importanceWeightedBound). One computation runs at a time
/// on a private one-thread pool, stage by stage (each k, then the quadrature), with a progress bar
/// and Cancel; each stage's result is shown as soon as it is done. The model is the window's model
/// when Compute is pressed: while training it goes on changing, and the panel says so.
class IwaeTool final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IwaeTool)

public:
    /// The numbers of importance samples of the issue (Burda et al. 2015 report k = 1, 5, 50).
    static constexpr std::array<int, 4> kSamples{1, 10, 100, 1000};
    static constexpr std::uint64_t kSeed = 1;
    /// Test images by default: all four bounds and the quadrature line take under a minute on this
    /// project's 2-core machine under load (k = 1000 alone: ~7 s per 100 images there).
    static constexpr int kDefaultImages = 100;
    /// The quadrature line's grid: coarser than the Posterior panel's 200 × 200, as it is computed
    /// for every image (~6,000 decoded points per image, six times k = 1000's). The final cells are
    /// still a fraction of q's σ wide, where the midpoint rule is accurate to well under 0.1 nat.
    static constexpr int kQuadratureResolution = 64;
    static constexpr int kQuadratureCoarseResolution = 32;

    /// One line of the results: an L_k, or the quadrature log p(x) (k = 0).
    struct Row {
        int k = 0;           ///< 0: log p(x) by quadrature
        int images = 0;      ///< images it is the mean over
        double mean = 0;     ///< nats per image
        double stdError = 0; ///< std over the images / √n
        double seconds = 0;
        std::vector<double> perImage;
        QString error; ///< set (and nothing else) when the stage failed
    };

    /// Docks itself on `window` (hidden), its action in the Explore menu and toolbar. With --iwae
    /// it opens and computes as soon as a model is there and not training.
    explicit IwaeTool(ToolContext& context);
    /// Cancels a running computation and waits for it (one batch).
    ~IwaeTool() override;

    /// How many test images (the first n). Takes effect at the next compute().
    void setImageCount(int n);
    [[nodiscard]] int imageCount() const { return m_images; }
    /// Starts a computation with the current model (cancelling a running one). False, with the
    /// reason in the panel, when there is no model or no data.
    bool compute();
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_watcher.isRunning(); }

    /// The results of the last computation, in order k = 1, 10, 100, 1000, then the quadrature
    /// (2-D only); fewer when it was cancelled or is still running.
    [[nodiscard]] const std::vector<Row>& rows() const { return m_rows; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& resultModel() const
    {
        return m_model;
    }
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    [[nodiscard]] QTableWidget* table() const { return m_table; }
    [[nodiscard]] QProgressBar* progressBar() const { return m_progress; }
    [[nodiscard]] QString statusText() const;

signals:
    /// A computation ended: finished (all rows there), cancelled or failed.
    void finished();
    void rowAdded();

private:
    struct Job {
        std::shared_ptr<const vae::InferenceModel> model;
        std::shared_ptr<const vae::Dataset> data;
        int images = 0;
    };

    void buildWidgets();
    void connectWatcher();
    void onRowReady(int index);
    void onFinished();
    void updateView();
    void updateButtons();
    static void run(QPromise<Row>& promise, const Job& job);

    ToolContext& m_context;
    int m_images = kDefaultImages;
    int m_jobImages = 0; ///< images of the running or last computation
    std::shared_ptr<const vae::InferenceModel> m_model;
    std::vector<Row> m_rows;
    bool m_autoStart = false;
    QString m_error;
    QThreadPool m_pool;
    QFutureWatcher<Row> m_watcher;

    QComboBox* m_imagesBox = nullptr;
    QPushButton* m_computeButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_graph = nullptr;
    std::vector<QCPItemText*> m_pointLabels;
    QCPItemStraightLine* m_line = nullptr;
    QCPItemText* m_lineLabel = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_explanation = nullptr;
};

} // namespace vae::gui
