#include "vae/likelihood.h"

#include "inference_impl.h"
#include "model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>

namespace vae {

namespace {

// Latent points decoded at once by the grid and Monte-Carlo passes: the logits then take ~25 MB.
constexpr std::int64_t kDecodeRows = 8192;
// Cells of padding around the kept cells' bounding box (see PosteriorGridOptions).
constexpr int kPadCells = 2;
// The wide pass may double its box this many times when the kept cells reach its edge.
constexpr int kMaxWidenings = 3;
// q's ±kQBoxSigmas box is joined to the final region, so that q's mass lies on the grid.
constexpr double kQBoxSigmas = 4;
// The quadrature under q (evidenceDecomposition) uses kQGridCells² cells over q's ±kQGridSigmas
// box.
constexpr int kQGridCells = 100;
constexpr double kQGridSigmas = 6;
// q's ±kWideQSigmas box is part of the wide pass.
constexpr double kWideQSigmas = 8;
const double kLog2Pi = std::log(2 * std::numbers::pi);

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Progress bookkeeping shared by the passes of one call.
class Progress {
public:
    Progress(const ProgressCallback& callback, std::int64_t total)
        : m_callback(callback), m_total(total)
    {
    }
    void addToTotal(std::int64_t more) { m_total += more; }
    /// Adds `work` done; false when the callback asks to stop.
    bool advance(std::int64_t work)
    {
        m_done += work;
        if (!m_callback)
            return true;
        constexpr std::int64_t kMax = std::numeric_limits<int>::max();
        return m_callback(int(std::min(m_done, kMax)), int(std::min(m_total, kMax)));
    }

private:
    const ProgressCallback& m_callback;
    std::int64_t m_total = 0;
    std::int64_t m_done = 0;
};

struct QParams {
    std::array<double, 2> mu{};
    std::array<double, 2> logVar{};
    std::array<double, 2> sigma{};
};

torch::Tensor imageTensor(std::span<const float> x)
{
    return torch::from_blob(const_cast<float*>(x.data()), {1, std::int64_t(x.size())},
                            torch::kFloat32);
}

QParams encodeOne(VaeNet& net, const torch::Tensor& x)
{
    auto [mu, logVar] = net->encode(x);
    const torch::Tensor m = mu.to(torch::kFloat64).contiguous();
    const torch::Tensor lv = logVar.to(torch::kFloat64).contiguous();
    QParams q;
    for (int d = 0; d < 2; ++d) {
        q.mu[d] = m.data_ptr<double>()[d];
        q.logVar[d] = lv.data_ptr<double>()[d];
        q.sigma[d] = std::exp(0.5 * q.logVar[d]);
    }
    return q;
}

/// log p_θ(x|z) of one image x [1, F] at points z [N, D] (float), in batches: returns [N] double.
/// Stops early (returns false) when progress says so.
bool logLikelihoodAt(VaeNet& net, const torch::Tensor& x, const torch::Tensor& z,
                     std::vector<double>& out, Progress& progress)
{
    const std::int64_t n = z.size(0);
    out.resize(std::size_t(n));
    for (std::int64_t begin = 0; begin < n; begin += kDecodeRows) {
        const std::int64_t end = std::min(n, begin + kDecodeRows);
        const torch::Tensor logits = net->decode(z.slice(0, begin, end));
        const torch::Tensor nll =
            net->reconstructionNll(logits, x.expand_as(logits)).to(torch::kFloat64).contiguous();
        const double* v = nll.data_ptr<double>();
        for (std::int64_t i = begin; i < end; ++i)
            out[std::size_t(i)] = -v[i - begin];
        if (!progress.advance(end - begin))
            return false;
    }
    return true;
}

/// log N(z; 0, I) for a 2-D z.
double logPrior(double z1, double z2)
{
    return -0.5 * (z1 * z1 + z2 * z2) - kLog2Pi;
}

double cellCentre(double lo, double hi, int cells, int i)
{
    return lo + (double(i) + 0.5) * (hi - lo) / double(cells);
}

/// One pass of `cells`² cell centres over `box`: log p_θ(x|z) [cells²] and log p_θ(x|z) + log p(z)
/// [cells²], row-major with row r at z₂ = centre r. False when cancelled.
bool gridPass(VaeNet& net, const torch::Tensor& x, const LatentRegion& box, int cells,
              std::vector<double>& logLik, std::vector<double>& logJoint, Progress& progress)
{
    const std::size_t count = std::size_t(cells) * std::size_t(cells);
    torch::Tensor z = torch::empty({std::int64_t(count), 2}, torch::kFloat32);
    float* zp = z.data_ptr<float>();
    // log p(z) at the exact (double) cell centres; the decoder sees them rounded to float.
    std::vector<double> prior(count);
    for (int r = 0; r < cells; ++r) {
        const double z2 = cellCentre(box.z2Min, box.z2Max, cells, r);
        for (int c = 0; c < cells; ++c) {
            const std::size_t i = std::size_t(r) * std::size_t(cells) + std::size_t(c);
            const double z1 = cellCentre(box.z1Min, box.z1Max, cells, c);
            zp[2 * i] = float(z1);
            zp[2 * i + 1] = float(z2);
            prior[i] = logPrior(z1, z2);
        }
    }
    if (!logLikelihoodAt(net, x, z, logLik, progress))
        return false;
    logJoint.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        logJoint[i] = logLik[i] + prior[i];
    return true;
}

double logSumExp(const std::vector<double>& v)
{
    const double m = *std::max_element(v.begin(), v.end());
    if (!std::isfinite(m))
        return m;
    double s = 0;
    for (double x : v)
        s += std::exp(x - m);
    return m + std::log(s);
}

/// The bounding box (in cell indices) of the cells within `window` nats of the maximum.
struct KeptBox {
    int cMin, cMax, rMin, rMax;
};

KeptBox keptCells(const std::vector<double>& logJoint, int cells, double window)
{
    const double threshold = *std::max_element(logJoint.begin(), logJoint.end()) - window;
    KeptBox box{cells, -1, cells, -1};
    for (int r = 0; r < cells; ++r)
        for (int c = 0; c < cells; ++c)
            if (logJoint[std::size_t(r) * std::size_t(cells) + std::size_t(c)] >= threshold) {
                box.cMin = std::min(box.cMin, c);
                box.cMax = std::max(box.cMax, c);
                box.rMin = std::min(box.rMin, r);
                box.rMax = std::max(box.rMax, r);
            }
    return box;
}

/// The kept cells' box padded by kPadCells cells, in latent coordinates.
LatentRegion paddedRegion(const LatentRegion& box, int cells, const KeptBox& kept)
{
    const double w1 = (box.z1Max - box.z1Min) / cells;
    const double w2 = (box.z2Max - box.z2Min) / cells;
    return {box.z1Min + (kept.cMin - kPadCells) * w1, box.z1Min + (kept.cMax + 1 + kPadCells) * w1,
            box.z2Min + (kept.rMin - kPadCells) * w2, box.z2Min + (kept.rMax + 1 + kPadCells) * w2};
}

/// Share of a pass's mass whose cell centres lie outside `region`.
double massOutside(const std::vector<double>& logJoint, const LatentRegion& box, int cells,
                   const LatentRegion& region)
{
    const double total = logSumExp(logJoint);
    double outside = 0;
    for (int r = 0; r < cells; ++r) {
        const double z2 = cellCentre(box.z2Min, box.z2Max, cells, r);
        for (int c = 0; c < cells; ++c) {
            const double z1 = cellCentre(box.z1Min, box.z1Max, cells, c);
            if (z1 < region.z1Min || z1 > region.z1Max || z2 < region.z2Min || z2 > region.z2Max)
                outside += std::exp(logJoint[std::size_t(r) * std::size_t(cells) + std::size_t(c)] -
                                    total);
        }
    }
    return outside;
}

void requireTwoDimensional(const InferenceModel& model, std::span<const float> x,
                           const char* function)
{
    if (model.latentDim() != 2)
        throw std::invalid_argument(std::string(function) +
                                    ": the posterior grid needs a 2-D latent space, this model's "
                                    "latent has " +
                                    std::to_string(model.latentDim()) + " dimensions");
    if (x.size() != std::size_t(model.pixelsPerImage()))
        throw std::invalid_argument(std::string(function) + ": expected one example of " +
                                    std::to_string(model.pixelsPerImage()) + " values, got " +
                                    std::to_string(x.size()));
}

// An autoencoder's q(z|x) is a point mass (σ = 0): log q, KL(q ‖ p(z)) and the importance weights
// p(x, z)/q(z|x) do not exist.
void requireProbabilisticEncoder(const InferenceModel& model, const char* function)
{
    if (model.config().isAutoencoder())
        throw std::invalid_argument(std::string(function) +
                                    ": the model is an autoencoder: its code z = μ(x) has no "
                                    "q(z|x) distribution, so there is no ELBO or importance weight");
}

void validate(const PosteriorGridOptions& o, const char* function)
{
    const std::string f(function);
    if (o.resolution < 2 || o.resolution > 2000)
        throw std::invalid_argument(f + ": resolution must be in [2, 2000], got " +
                                    std::to_string(o.resolution));
    if (o.coarseResolution < 16 || o.coarseResolution > 1000)
        throw std::invalid_argument(f + ": coarseResolution must be in [16, 1000], got " +
                                    std::to_string(o.coarseResolution));
    if (!(o.massWindowNats > 0) || !std::isfinite(o.massWindowNats))
        throw std::invalid_argument(f + ": massWindowNats must be a positive number, got " +
                                    std::to_string(o.massWindowNats));
    if (!(o.priorHalfWidth > 0) || !std::isfinite(o.priorHalfWidth))
        throw std::invalid_argument(f + ": priorHalfWidth must be a positive number, got " +
                                    std::to_string(o.priorHalfWidth));
}

/// posteriorGrid() on an already validated call; q is x's posterior.
PosteriorGrid computeGrid(VaeNet& net, const torch::Tensor& x, const QParams& q,
                          const PosteriorGridOptions& options, Progress& progress)
{
    PosteriorGrid grid;
    grid.qMu = q.mu;
    grid.qSigma = q.sigma;
    const int nc = options.coarseResolution;
    const double w = options.priorHalfWidth;

    // 1–2. Wide pass, widened while the kept cells reach its edge.
    LatentRegion wide{std::min(-w, q.mu[0] - kWideQSigmas * q.sigma[0]),
                      std::max(w, q.mu[0] + kWideQSigmas * q.sigma[0]),
                      std::min(-w, q.mu[1] - kWideQSigmas * q.sigma[1]),
                      std::max(w, q.mu[1] + kWideQSigmas * q.sigma[1])};
    std::vector<double> logLik, wideJoint;
    KeptBox kept{};
    for (int widening = 0;; ++widening) {
        if (!gridPass(net, x, wide, nc, logLik, wideJoint, progress)) {
            grid.cancelled = true;
            return grid;
        }
        kept = keptCells(wideJoint, nc, options.massWindowNats);
        const bool touches = kept.cMin < kPadCells || kept.rMin < kPadCells ||
                             kept.cMax >= nc - kPadCells || kept.rMax >= nc - kPadCells;
        if (!touches || widening == kMaxWidenings)
            break;
        const double h1 = wide.z1Max - wide.z1Min;
        const double h2 = wide.z2Max - wide.z2Min;
        wide = {wide.z1Min - h1 / 2, wide.z1Max + h1 / 2, wide.z2Min - h2 / 2, wide.z2Max + h2 / 2};
        progress.addToTotal(std::int64_t(nc) * nc);
    }
    const LatentRegion refineBox = paddedRegion(wide, nc, kept);

    // 3. Refinement pass over the padded box.
    std::vector<double> refineJoint;
    if (!gridPass(net, x, refineBox, nc, logLik, refineJoint, progress)) {
        grid.cancelled = true;
        return grid;
    }
    LatentRegion region =
        paddedRegion(refineBox, nc, keptCells(refineJoint, nc, options.massWindowNats));

    // 4. Joined with q's ±4σ box; the final pass.
    region.z1Min = std::min(region.z1Min, q.mu[0] - kQBoxSigmas * q.sigma[0]);
    region.z1Max = std::max(region.z1Max, q.mu[0] + kQBoxSigmas * q.sigma[0]);
    region.z2Min = std::min(region.z2Min, q.mu[1] - kQBoxSigmas * q.sigma[1]);
    region.z2Max = std::max(region.z2Max, q.mu[1] + kQBoxSigmas * q.sigma[1]);
    grid.massOutside = std::max(massOutside(wideJoint, wide, nc, region),
                                massOutside(refineJoint, refineBox, nc, region));

    const int n = options.resolution;
    std::vector<double> logJoint;
    if (!gridPass(net, x, region, n, grid.logLikelihood, logJoint, progress)) {
        grid.cancelled = true;
        grid.logLikelihood.clear();
        return grid;
    }
    grid.resolution = n;
    grid.region = region;
    grid.cellArea = (region.z1Max - region.z1Min) / n * ((region.z2Max - region.z2Min) / n);
    // Midpoint rule: p(x) = ∫ p(x|z) p(z) dz ≈ Σ_cells p(x|z_c) p(z_c) · cellArea.
    grid.logEvidence = logSumExp(logJoint) + std::log(grid.cellArea);
    grid.logDensity.resize(logJoint.size());
    std::size_t best = 0;
    for (std::size_t i = 0; i < logJoint.size(); ++i) {
        grid.logDensity[i] = logJoint[i] - grid.logEvidence;
        if (logJoint[i] > logJoint[best])
            best = i;
    }
    grid.mode = {cellCentre(region.z1Min, region.z1Max, n, int(best % std::size_t(n))),
                 cellCentre(region.z2Min, region.z2Max, n, int(best / std::size_t(n)))};
    return grid;
}

/// splitmix64 (Steele et al. 2014): decorrelates the per-image seeds (seed, i).
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t index)
{
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace

PosteriorGrid posteriorGrid(const InferenceModel& model, std::span<const float> x,
                            const PosteriorGridOptions& options, const ProgressCallback& progress)
{
    const auto start = Clock::now();
    requireTwoDimensional(model, x, "posteriorGrid");
    validate(options, "posteriorGrid");
    c10::InferenceMode guard;
    VaeNet& net = model.impl().net;
    const torch::Tensor xt = imageTensor(x);
    Progress p(progress, 2 * std::int64_t(options.coarseResolution) * options.coarseResolution +
                             std::int64_t(options.resolution) * options.resolution);
    PosteriorGrid grid = computeGrid(net, xt, encodeOne(net, xt), options, p);
    grid.seconds = secondsSince(start);
    return grid;
}

EvidenceDecomposition evidenceDecomposition(const InferenceModel& model, std::span<const float> x,
                                            const EvidenceOptions& options,
                                            const ProgressCallback& progress)
{
    const auto start = Clock::now();
    requireTwoDimensional(model, x, "evidenceDecomposition");
    requireProbabilisticEncoder(model, "evidenceDecomposition");
    validate(options.grid, "evidenceDecomposition");
    if (options.samples < 1 || options.samples > 10'000'000)
        throw std::invalid_argument("evidenceDecomposition: samples must be in [1, 10^7], got " +
                                    std::to_string(options.samples));
    c10::InferenceMode guard;
    VaeNet& net = model.impl().net;
    const torch::Tensor xt = imageTensor(x);
    const QParams q = encodeOne(net, xt);
    const PosteriorGridOptions& go = options.grid;
    Progress p(progress, 2 * std::int64_t(go.coarseResolution) * go.coarseResolution +
                             std::int64_t(go.resolution) * go.resolution + options.samples +
                             std::int64_t(kQGridCells) * kQGridCells);

    EvidenceDecomposition result;
    const auto gridStart = Clock::now();
    result.grid = computeGrid(net, xt, q, go, p);
    result.grid.seconds = secondsSince(gridStart);
    if (result.grid.cancelled) {
        result.cancelled = true;
        return result;
    }
    const PosteriorGrid& grid = result.grid;
    result.logEvidence = grid.logEvidence;
    result.samples = options.samples;

    // KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ_j (1 + log σ_j² − μ_j² − σ_j²)  (K&W 2014, appendix B).
    for (int d = 0; d < 2; ++d)
        result.klPrior -= 0.5 * (1 + q.logVar[d] - q.mu[d] * q.mu[d] - std::exp(q.logVar[d]));

    // Monte Carlo: z_s = μ + σ ⊙ ε_s, ε_s ~ N(0, I) from the seeded generator.
    at::Generator generator = makeGenerator(options.seed);
    const torch::Tensor eps =
        torch::randn({options.samples, 2}, generator, torch::TensorOptions(torch::kFloat64));
    const torch::Tensor mu = torch::tensor({q.mu[0], q.mu[1]}, torch::kFloat64);
    const torch::Tensor sigma = torch::tensor({q.sigma[0], q.sigma[1]}, torch::kFloat64);
    const torch::Tensor z = (mu + sigma * eps).to(torch::kFloat32).contiguous();
    std::vector<double> logLik;
    if (!logLikelihoodAt(net, xt, z, logLik, p)) {
        result.cancelled = true;
        return result;
    }
    double sum = 0;
    for (double v : logLik)
        sum += v;
    const double meanLogLik = sum / options.samples;
    double squares = 0;
    for (double v : logLik)
        squares += (v - meanLogLik) * (v - meanLogLik);
    const double variance = options.samples > 1 ? squares / (options.samples - 1) : 0;
    result.reconstruction = -meanLogLik;
    result.reconstructionStdError = std::sqrt(variance / options.samples);
    result.elbo = -result.reconstruction - result.klPrior;
    result.elboStdError = result.reconstructionStdError;
    result.klPosterior = result.logEvidence - result.elbo;

    // Quadrature under q on its own grid, kQGridCells² cells over μ ± kQGridSigmas·σ: q is often
    // much narrower than the posterior's region, whose cells would resolve it only coarsely.
    // q's cell masses q(z_c)·cellArea are normalised to sum 1.
    const int n = kQGridCells;
    const LatentRegion qBox{
        q.mu[0] - kQGridSigmas * q.sigma[0], q.mu[0] + kQGridSigmas * q.sigma[0],
        q.mu[1] - kQGridSigmas * q.sigma[1], q.mu[1] + kQGridSigmas * q.sigma[1]};
    std::vector<double> qLogLik, qLogJoint;
    if (!gridPass(net, xt, qBox, n, qLogLik, qLogJoint, p)) {
        result.cancelled = true;
        return result;
    }
    const double logNormQ = -kLog2Pi - 0.5 * (q.logVar[0] + q.logVar[1]);
    std::vector<double> logQ(qLogJoint.size());
    for (int r = 0; r < n; ++r) {
        const double u2 = (cellCentre(qBox.z2Min, qBox.z2Max, n, r) - q.mu[1]) / q.sigma[1];
        for (int c = 0; c < n; ++c) {
            const double u1 = (cellCentre(qBox.z1Min, qBox.z1Max, n, c) - q.mu[0]) / q.sigma[0];
            logQ[std::size_t(r) * std::size_t(n) + std::size_t(c)] =
                logNormQ - 0.5 * (u1 * u1 + u2 * u2);
        }
    }
    const double logCellArea =
        std::log((qBox.z1Max - qBox.z1Min) / n) + std::log((qBox.z2Max - qBox.z2Min) / n);
    const double logMass = logSumExp(logQ) + logCellArea;
    result.qMassOnGrid = std::exp(logMass);
    double reconstruction = 0;
    double klPosterior = 0;
    for (std::size_t i = 0; i < logQ.size(); ++i) {
        // log q̃_c = log q(z_c) + log cellArea − log mass;
        // log p̃_c = log p(z_c|x) + log cellArea = qLogJoint_c − log p(x) + log cellArea.
        const double logQCell = logQ[i] + logCellArea - logMass;
        const double qCell = std::exp(logQCell);
        if (qCell == 0)
            continue;
        reconstruction -= qCell * qLogLik[i];
        klPosterior += qCell * (logQCell - (qLogJoint[i] - result.logEvidence + logCellArea));
    }
    result.reconstructionQuadrature = reconstruction;
    result.elboQuadrature = -reconstruction - result.klPrior;
    result.klPosteriorQuadrature = klPosterior;
    result.seconds = secondsSince(start);
    return result;
}

ImportanceWeightedResult importanceWeightedBound(const InferenceModel& model,
                                                 std::span<const float> x, int n,
                                                 const ImportanceWeightedOptions& options,
                                                 const ProgressCallback& progress)
{
    const auto start = Clock::now();
    requireProbabilisticEncoder(model, "importanceWeightedBound");
    const int features = model.pixelsPerImage(); // F values per example
    if (n < 0 || x.size() != std::size_t(n) * std::size_t(features))
        throw std::invalid_argument("importanceWeightedBound: expected " + std::to_string(n) +
                                    "×" + std::to_string(features) + " values, got " +
                                    std::to_string(x.size()));
    if (options.k < 1 || options.k > 1'000'000)
        throw std::invalid_argument(
            "importanceWeightedBound: the number of importance samples k must be in [1, 10^6], "
            "got " +
            std::to_string(options.k));
    if (options.maxBatchPoints < 1)
        throw std::invalid_argument("importanceWeightedBound: maxBatchPoints must be at least 1, "
                                    "got " +
                                    std::to_string(options.maxBatchPoints));
    ImportanceWeightedResult result;
    result.k = options.k;
    result.perImage.reserve(std::size_t(n));
    if (n == 0)
        return result;

    c10::InferenceMode guard;
    VaeNet& net = model.impl().net;
    const int dim = model.latentDim();
    const std::int64_t k = options.k;
    // Draws per decoder call for one image: all k if they fit, else slices of maxBatchPoints.
    const std::int64_t slice = std::min<std::int64_t>(k, options.maxBatchPoints);
    // Images per chunk: as many as fit when an image's k draws fit in one batch, else 1.
    const std::int64_t chunk = std::max<std::int64_t>(1, options.maxBatchPoints / k);
    const double logK = std::log(double(k));
    const torch::Tensor images =
        torch::from_blob(const_cast<float*>(x.data()), {n, features}, torch::kFloat32);

    for (std::int64_t begin = 0; begin < n; begin += chunk) {
        const std::int64_t end = std::min<std::int64_t>(n, begin + chunk);
        const std::int64_t m = end - begin;
        const torch::Tensor xb = images.slice(0, begin, end);
        auto [mu, logVar] = net->encode(xb); // [m, D]
        const torch::Tensor sigma = (0.5 * logVar).exp();
        // Σ_j log σ_j per image, double: log q(z|x) = −½‖ε‖² − Σ log σ − (D/2) log 2π.
        const torch::Tensor sumLogSigma = (0.5 * logVar).to(torch::kFloat64).sum(1); // [m]
        std::vector<at::Generator> generators;
        generators.reserve(std::size_t(m));
        for (std::int64_t i = begin; i < end; ++i)
            generators.push_back(makeGenerator(mixSeed(options.seed, std::uint64_t(i))));
        // Running log-sum-exp of the log weights per image, over the slices.
        torch::Tensor runningMax =
            torch::full({m}, -std::numeric_limits<double>::infinity(), torch::kFloat64);
        torch::Tensor runningSum = torch::zeros({m}, torch::kFloat64);
        for (std::int64_t s = 0; s < k; s += slice) {
            const std::int64_t draws = std::min(slice, k - s);
            std::vector<torch::Tensor> epsPerImage;
            epsPerImage.reserve(std::size_t(m));
            for (auto& g : generators)
                epsPerImage.push_back(torch::randn({draws, dim}, g, torch::kFloat32));
            const torch::Tensor eps = torch::stack(epsPerImage); // [m, draws, D]
            const torch::Tensor z = mu.unsqueeze(1) + sigma.unsqueeze(1) * eps;
            const torch::Tensor logits =
                net->decode(z.reshape({m * draws, dim})).view({m, draws, features});
            const torch::Tensor logLik =
                -net->reconstructionNll(logits, xb.unsqueeze(1).expand_as(logits)).to(torch::kFloat64);
            const torch::Tensor z64 = z.to(torch::kFloat64);
            const torch::Tensor eps64 = eps.to(torch::kFloat64);
            // log p(z) − log q(z|x): the (D/2) log 2π terms cancel.
            const torch::Tensor logPriorOverQ =
                -0.5 * z64.square().sum(2) + 0.5 * eps64.square().sum(2) + sumLogSigma.unsqueeze(1);
            const torch::Tensor logWeights = logLik + logPriorOverQ; // [m, draws]
            const torch::Tensor sliceMax = std::get<0>(logWeights.max(1));
            const torch::Tensor newMax = torch::maximum(runningMax, sliceMax);
            runningSum = runningSum * (runningMax - newMax).exp() +
                         (logWeights - newMax.unsqueeze(1)).exp().sum(1);
            runningMax = newMax;
        }
        const torch::Tensor bound = (runningMax + runningSum.log() - logK).contiguous();
        const double* b = bound.data_ptr<double>();
        result.perImage.insert(result.perImage.end(), b, b + m);
        if (progress && !progress(int(end), n)) {
            result.cancelled = end < n;
            break;
        }
    }
    const double count = double(result.perImage.size());
    double sum = 0;
    for (double v : result.perImage)
        sum += v;
    result.mean = sum / count;
    double squares = 0;
    for (double v : result.perImage)
        squares += (v - result.mean) * (v - result.mean);
    result.stdError = count > 1 ? std::sqrt(squares / (count - 1) / count) : 0;
    result.seconds = secondsSince(start);
    return result;
}

ImportanceWeightedResult importanceWeightedBound(const InferenceModel& model, const ImageSet& data,
                                                 const ImportanceWeightedOptions& options,
                                                 const ProgressCallback& progress)
{
    if (data.count > 0 && data.pixelsPerImage() != model.pixelsPerImage())
        throw std::invalid_argument("importanceWeightedBound: the model takes " +
                                    std::to_string(model.pixelsPerImage()) +
                                    " values per example, the data has " +
                                    std::to_string(data.pixelsPerImage()));
    return importanceWeightedBound(model, data.pixels, data.count, options, progress);
}

} // namespace vae
