#include "checkpoint_format.h"

#include "json_limits.h"
#include "vae/errors.h"
#include "vae/metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>

namespace vae::detail {
namespace {

static_assert(std::endian::native == std::endian::little,
              "safetensors stores little-endian data; this code reads it into host floats as is");

// The outer header: {tensor: {"dtype", "shape": [dims], "data_offsets": [b, e]}, "__metadata__":
// {key: string}} is 3 levels deep and holds ~10 values per tensor (≤ 2·(8+2) = 20 tensors).
constexpr JsonLimits kHeaderLimits{.maxDepth = 3, .maxValues = 4096};
// Tensors have 1 or 2 dimensions; a shape with more is refused before it is copied.
constexpr std::size_t kMaxDims = 8;

std::string shapeString(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

/// A name from the file, quoted and cut to a readable length for a message.
std::string quotedName(const std::string& name)
{
    return "\"" + (name.size() > 64 ? name.substr(0, 61) + "..." : name) + "\"";
}

} // namespace

std::string formatSigma(double sigma)
{
    char buffer[32];
    const auto [last, ec] = std::to_chars(buffer, buffer + sizeof buffer, sigma);
    return ec == std::errc() ? std::string(buffer, last) : std::string("nan");
}

std::vector<TensorSpec> expectedTensors(const TrainingConfig& config)
{
    std::vector<TensorSpec> specs;
    auto linear = [&specs](const std::string& prefix, std::int64_t in, std::int64_t out) {
        specs.push_back({prefix + ".weight", {out, in}});
        specs.push_back({prefix + ".bias", {out}});
    };
    // A Conv2d's weight is [out, in, k, k]; a ConvTranspose2d's [in, out, k, k]. Bias [out].
    constexpr std::int64_t k = 4; // VaeNetImpl::kConvKernel (model.h needs torch)
    std::int64_t in = config.inputSize;
    const auto sides = config.convSides();
    const std::size_t convLayers = config.isConvolutional() ? config.convChannels.size() : 0;
    std::int64_t channels = config.imageChannels;
    for (std::size_t l = 0; l < convLayers; ++l) {
        const std::string prefix = "encoder_conv." + std::to_string(2 * l);
        specs.push_back({prefix + ".weight", {config.convChannels[l], channels, k, k}});
        specs.push_back({prefix + ".bias", {config.convChannels[l]}});
        channels = config.convChannels[l];
        in = channels * sides[l + 1].first * sides[l + 1].second;
    }
    const std::int64_t flat = in;
    for (std::size_t i = 0; i < config.hiddenSizes.size(); ++i) {
        linear("encoder." + std::to_string(2 * i), in, config.hiddenSizes[i]);
        in = config.hiddenSizes[i];
    }
    linear("encoder_head", in, 2 * std::int64_t(config.latentDim));
    in = config.latentDim;
    std::size_t index = 0;
    for (auto it = config.hiddenSizes.rbegin(); it != config.hiddenSizes.rend(); ++it, ++index) {
        linear("decoder." + std::to_string(2 * index), in, *it);
        in = *it;
    }
    linear("decoder." + std::to_string(2 * index), in, flat);
    for (std::size_t l = convLayers, module = 0; l-- > 0; module += 2) {
        const std::int64_t to = l > 0 ? config.convChannels[l - 1] : config.imageChannels;
        const std::string prefix = "decoder_conv." + std::to_string(module);
        specs.push_back({prefix + ".weight", {config.convChannels[l], to, k, k}});
        specs.push_back({prefix + ".bias", {to}});
    }
    return specs;
}

std::string describeModel(const TrainingConfig& config)
{
    std::string text = config.isConvolutional()
                           ? "a conv model with channels " + formatHiddenSizes(config.convChannels) +
                                 " on " + std::to_string(config.imageHeight) + "×" +
                                 std::to_string(config.imageWidth) + "×" +
                                 std::to_string(config.imageChannels) + " images, "
                           : std::string("an MLP with ");
    return text + "latent dim " + std::to_string(config.latentDim) + " and hidden sizes " +
           formatHiddenSizes(config.hiddenSizes);
}

void CheckpointReader::fail(const std::string& problem) const
{
    throw CheckpointError(m_name + ": " + problem);
}

CheckpointReader::CheckpointReader(const std::filesystem::path& file) : m_name(file.string())
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        fail("no such checkpoint file");
    const std::uint64_t fileSize = std::filesystem::file_size(file, ec);
    if (ec)
        fail("cannot read its size (" + ec.message() + ")");
    m_in.open(file, std::ios::binary);
    if (!m_in)
        fail("cannot be opened for reading");
    if (fileSize < 8)
        fail("too short to be a safetensors file (" + std::to_string(fileSize) + " bytes)");

    // 1. The header length, against the file size and a fixed bound, before allocating it.
    unsigned char length[8];
    if (!m_in.read(reinterpret_cast<char*>(length), 8))
        fail("read error in the header length");
    std::uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i)
        headerSize = (headerSize << 8) | length[i]; // little-endian u64
    if (headerSize > fileSize - 8)
        fail("not a safetensors file: its header length (" + std::to_string(headerSize) +
             " bytes) exceeds the file size (" + std::to_string(fileSize) + " bytes)");
    if (headerSize > kMaxCheckpointHeaderBytes)
        fail("the safetensors header is " + std::to_string(headerSize) + " bytes, more than the " +
             std::to_string(kMaxCheckpointHeaderBytes >> 20) + " MiB a checkpoint header may have");

    // 2. The JSON, parsed with bounded depth and value count.
    nlohmann::json header;
    {
        std::string headerText(headerSize, '\0');
        if (!m_in.read(headerText.data(), std::streamsize(headerSize)))
            fail("read error in the header");
        try {
            header = parseBounded(headerText, kHeaderLimits);
        } catch (const nlohmann::json::exception& e) {
            fail(std::string("the safetensors header is not valid JSON (") + e.what() + ")");
        } catch (const JsonLimitError& e) {
            fail(std::string("the safetensors header is not a checkpoint's: ") + e.what());
        }
    }
    if (!header.is_object())
        fail("the safetensors header is not a JSON object");

    // 3. The metadata: format tag, config (validated: it bounds every size below), history.
    const auto meta = header.find("__metadata__");
    if (meta == header.end() || !meta->is_object() || !meta->contains("format") ||
        !(*meta)["format"].is_string() || (*meta)["format"].get<std::string>() != kCheckpointFormat)
        fail(std::string("not a VAE Explorer checkpoint (the safetensors metadata lacks "
                         "\"format\": \"") +
             kCheckpointFormat + "\")");
    for (const auto& [key, value] : meta->items())
        if (!value.is_string())
            fail("metadata value " + quotedName(key) + " is not a string");
    if (!meta->contains("config"))
        fail("the metadata has no \"config\"");
    try {
        m_config = TrainingConfig::fromJson((*meta)["config"].get_ref<const std::string&>());
        m_config.validate();
    } catch (const ConfigError& e) {
        fail(std::string("invalid config in the metadata: ") + e.what());
    }
    if (meta->contains("history")) {
        try {
            m_history = historyFromJson((*meta)["history"].get_ref<const std::string&>());
        } catch (const CheckpointError& e) {
            fail(e.what());
        }
    }
    m_step = m_history.steps.lastStep();
    // A file with no step records (written by a PyTorch script, docs/follow-runs.md) says its
    // step in "step".
    if (m_history.steps.empty() && meta->contains("step")) {
        const std::string& text = (*meta)["step"].get_ref<const std::string&>();
        std::int64_t step = -1;
        const auto [last, ec] = std::from_chars(text.data(), text.data() + text.size(), step);
        if (ec != std::errc() || last != text.data() + text.size() || step < 0)
            fail("metadata \"step\" is " + quotedName(text) + ", expected a whole number ≥ 0");
        m_step = step;
    }
    // The data the model was trained on; a checkpoint from before other datasets is MNIST's.
    m_description = DataDescription::mnist();
    if (meta->contains("data")) {
        try {
            m_description = DataDescription::fromJson((*meta)["data"].get_ref<const std::string&>());
        } catch (const DataError& e) {
            fail(std::string("invalid data description in the metadata: ") + e.what());
        }
    }
    if (m_description.inputSize() != m_config.inputSize)
        fail("the data description (" + m_description.name + ", " +
             std::to_string(m_description.inputSize()) +
             " values per example) does not match the model's input size " +
             std::to_string(m_config.inputSize));

    // The Gaussian decoder's σ: a Gaussian model cannot be evaluated without it.
    if (m_config.likelihood == Likelihood::Gaussian) {
        if (!meta->contains("gaussian_sigma"))
            fail("the metadata has no \"gaussian_sigma\", which a model with the gaussian "
                 "likelihood needs");
        const std::string& text = (*meta)["gaussian_sigma"].get_ref<const std::string&>();
        double sigma = 0;
        const auto [last, ec] = std::from_chars(text.data(), text.data() + text.size(), sigma);
        if (ec != std::errc() || last != text.data() + text.size() || !std::isfinite(sigma) ||
            sigma < kGaussianSigmaMin)
            fail("metadata \"gaussian_sigma\" is " + quotedName(text) +
                 ", expected a number of at least " + formatSigma(kGaussianSigmaMin));
        m_gaussianSigma = sigma;
    }

    // The optimizer, schedule and generator state (a checkpoint saved to continue training).
    if (meta->contains("training_state")) {
        try {
            m_trainingState =
                TrainingState::fromJson((*meta)["training_state"].get_ref<const std::string&>());
        } catch (const CheckpointError& e) {
            fail(e.what());
        }
        if (m_trainingState->step != m_step)
            fail("the training state is at step " + std::to_string(m_trainingState->step) +
                 ", but the history ends at step " + std::to_string(m_step));
    }

    // 4. The tensors the config implies, against the data section's size.
    m_dataStart = 8 + headerSize;
    const std::uint64_t dataSize = fileSize - m_dataStart;
    std::vector<TensorSpec> expected = expectedTensors(m_config);
    if (m_trainingState) {
        std::int64_t weights = 0;
        for (const TensorSpec& spec : expected) {
            std::int64_t n = 1;
            for (std::int64_t d : spec.shape)
                n *= d;
            weights += n;
        }
        expected.push_back({kAdamFirstMomentTensor, {weights}});
        expected.push_back({kAdamSecondMomentTensor, {weights}});
    }
    // validate() bounds every dimension (≤ 16384), so these products fit easily.
    std::uint64_t expectedBytes = 0;
    for (const TensorSpec& spec : expected) {
        std::uint64_t n = 4;
        for (std::int64_t d : spec.shape)
            n *= std::uint64_t(d);
        expectedBytes += n;
    }
    if (expectedBytes > dataSize)
        fail("the config (" + describeModel(m_config) + ") needs " +
             std::to_string(expectedBytes) +
             " bytes of weights, but the file holds " + std::to_string(dataSize));

    // 5. Each tensor entry: known name, dtype, shape (dims, sign, overflow, config), offsets.
    std::vector<TensorRange> historyTensors;
    for (const auto& [key, entry] : header.items()) {
        if (key == "__metadata__")
            continue;
        const std::string& name = key;
        // The history's tensors: F64 [rows, columns], any number of rows.
        const bool history = name == kHistoryStepsTensor || name == kHistoryBucketsTensor;
        const std::int64_t columns = name == kHistoryStepsTensor ? kStepColumns : kBucketColumns;
        const auto spec = std::find_if(expected.begin(), expected.end(),
                                       [&name](const TensorSpec& s) { return s.name == name; });
        if (!history && spec == expected.end())
            fail("unexpected tensor " + quotedName(key) + " for " + describeModel(m_config));
        if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") ||
            !entry.contains("data_offsets"))
            fail("tensor " + quotedName(key) + " lacks dtype, shape or data_offsets");
        const nlohmann::json& dtype = entry["dtype"];
        const char* dtypeName = history ? "F64" : "F32";
        const std::uint64_t elementBytes = history ? 8 : 4;
        if (!dtype.is_string() || dtype.get_ref<const std::string&>() != dtypeName)
            fail("tensor " + quotedName(key) + " has dtype " + describeJson(dtype) +
                 ", expected \"" + dtypeName + "\"");

        const nlohmann::json& dims = entry["shape"];
        if (!dims.is_array())
            fail("tensor " + quotedName(key) + " has shape " + describeJson(dims) +
                 ", expected an array of dimensions");
        if (dims.size() > kMaxDims)
            fail("tensor " + quotedName(key) + " has " + std::to_string(dims.size()) +
                 " dimensions, more than " + std::to_string(kMaxDims));
        std::vector<std::int64_t> shape;
        for (const nlohmann::json& d : dims) {
            std::int64_t value = 0;
            if (!integerValue(d, value))
                fail("tensor " + quotedName(key) + " has a dimension " + describeJson(d) +
                     " that is not an integer");
            if (value < 0)
                fail("tensor " + quotedName(key) + " has a negative dimension (" +
                     std::to_string(value) + ")");
            shape.push_back(value);
        }
        std::int64_t elements = 1;
        for (std::int64_t d : shape)
            if (__builtin_mul_overflow(elements, d, &elements))
                fail("tensor " + quotedName(key) + " has shape " + shapeString(shape) +
                     " whose element count overflows 64 bits");
        if (history) {
            if (shape.size() != 2 || shape[1] != columns)
                fail("tensor " + quotedName(key) + " has shape " + shapeString(shape) +
                     ", expected [rows, " + std::to_string(columns) + "]");
            if (name == kHistoryBucketsTensor &&
                shape[0] > std::int64_t(StepHistory::kDefaultMaxBuckets))
                fail("tensor " + quotedName(key) + " has " + std::to_string(shape[0]) +
                     " buckets, more than " + std::to_string(StepHistory::kDefaultMaxBuckets));
            if (std::uint64_t(elements) > dataSize / 8)
                fail("tensor " + quotedName(key) + " has shape " + shapeString(shape) +
                     ", larger than the data section (" + std::to_string(dataSize) + " bytes)");
        } else if (shape != spec->shape) {
            fail("tensor " + quotedName(key) + " has shape " + shapeString(shape) +
                 ", but the config needs " + shapeString(spec->shape));
        }

        const nlohmann::json& offsets = entry["data_offsets"];
        std::uint64_t begin = 0, end = 0;
        if (!offsets.is_array() || offsets.size() != 2 || !integerValue(offsets[0], begin) ||
            !integerValue(offsets[1], end))
            fail("tensor " + quotedName(key) + " has data_offsets " + describeJson(offsets) +
                 ", expected [begin, end] (two byte offsets ≥ 0)");
        if (begin > end || end > dataSize)
            fail("tensor " + quotedName(key) + " has data_offsets [" + std::to_string(begin) +
                 ", " + std::to_string(end) + "] out of range: the data section is " +
                 std::to_string(dataSize) + " bytes");
        // elements ≤ 16384² here (the shape matched the config), or ≤ dataSize / 8 for the
        // history, so the byte count cannot overflow.
        if (end - begin != std::uint64_t(elements) * elementBytes)
            fail("tensor " + quotedName(key) + " has data_offsets [" + std::to_string(begin) +
                 ", " + std::to_string(end) + "] of " + std::to_string(end - begin) +
                 " bytes, but shape " + shapeString(shape) + " of " + dtypeName + " needs " +
                 std::to_string(std::uint64_t(elements) * elementBytes));
        (history ? historyTensors : m_tensors).push_back({key, std::move(shape), begin, end});
    }
    for (const TensorSpec& spec : expected)
        if (std::none_of(m_tensors.begin(), m_tensors.end(),
                         [&spec](const TensorRange& r) { return r.name == spec.name; }))
            fail("tensor " + quotedName(spec.name) + " is missing");

    // 6. The byte ranges: no overlap, and (as the safetensors format requires, so that no bytes
    // hide in a checkpoint) no gap: together they cover the data section exactly.
    auto byOffset = [](const TensorRange& a, const TensorRange& b) { return a.begin < b.begin; };
    std::sort(m_tensors.begin(), m_tensors.end(), byOffset);
    std::vector<TensorRange> all = m_tensors;
    all.insert(all.end(), historyTensors.begin(), historyTensors.end());
    std::sort(all.begin(), all.end(), byOffset);
    std::uint64_t covered = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const TensorRange& r = all[i];
        if (r.begin < covered)
            fail("tensors " + quotedName(all[i - 1].name) + " and " + quotedName(r.name) +
                 " overlap in the file (bytes " + std::to_string(r.begin) + " to " +
                 std::to_string(std::min(covered, r.end)) + ")");
        if (r.begin > covered)
            fail("bytes " + std::to_string(covered) + " to " + std::to_string(r.begin) +
                 " of the data section belong to no tensor");
        covered = r.end;
    }
    if (covered != dataSize)
        fail(std::to_string(dataSize - covered) +
             " bytes after the last tensor belong to no "
             "tensor (the data section is " +
             std::to_string(dataSize) + " bytes)");

    // 7. The step records (after the checks above, so a hostile file allocates nothing first).
    if (!historyTensors.empty()) {
        if (!m_history.steps.empty())
            fail("the history has both a \"steps\" list in the metadata and step tensors");
        readHistoryTensors(historyTensors);
        m_step = m_history.steps.lastStep();
        if (m_trainingState && m_trainingState->step != m_step)
            fail("the training state is at step " + std::to_string(m_trainingState->step) +
                 ", but the history ends at step " + std::to_string(m_step));
    }
}

void CheckpointReader::readHistoryTensors(const std::vector<TensorRange>& ranges)
{
    auto find = [&ranges](const char* name) {
        const auto it = std::find_if(ranges.begin(), ranges.end(),
                                     [name](const TensorRange& r) { return r.name == name; });
        return it == ranges.end() ? nullptr : &*it;
    };
    // Reads a tensor's rows in blocks of 4,096, so memory stays bounded whatever the file holds.
    auto rows = [this](const TensorRange& r, std::int64_t columns, auto&& row) {
        constexpr std::int64_t kBlockRows = 4096;
        const std::int64_t n = r.shape[0];
        std::vector<double> block;
        m_in.clear();
        m_in.seekg(std::streamoff(m_dataStart + r.begin));
        for (std::int64_t first = 0; first < n; first += kBlockRows) {
            const std::int64_t count = std::min(kBlockRows, n - first);
            block.resize(std::size_t(count * columns));
            if (!m_in.read(reinterpret_cast<char*>(block.data()),
                           std::streamsize(block.size() * sizeof(double))))
                fail("read error in tensor " + quotedName(r.name) + " (was the file changed?)");
            for (std::int64_t i = 0; i < count; ++i)
                row(first + i, block.data() + i * columns);
        }
    };
    // Step numbers: whole, ≥ 1, ≤ 2⁵³ (exact in a double), increasing through the history.
    std::int64_t previous = 0;
    auto stepNumber = [&](const TensorRange& r, std::int64_t row, double value) {
        if (!(value >= 1 && value <= 9007199254740992.0) || value != std::floor(value))
            fail("tensor " + quotedName(r.name) + " row " + std::to_string(row) +
                 " has step number " + std::to_string(value) + ", expected a whole number ≥ 1");
        const auto step = std::int64_t(value);
        if (step <= previous)
            fail("tensor " + quotedName(r.name) + " row " + std::to_string(row) + " has step " +
                 std::to_string(step) + ", not after the step before it (" +
                 std::to_string(previous) + ")");
        previous = step;
        return step;
    };
    std::vector<StepBucket> buckets;
    if (const TensorRange* r = find(kHistoryBucketsTensor))
        rows(*r, kBucketColumns, [&](std::int64_t row, const double* v) {
            StepBucket b;
            b.firstStep = stepNumber(*r, row, v[0]);
            b.lastStep = v[1] == v[0] ? b.firstStep : stepNumber(*r, row, v[1]);
            if (!(v[2] >= 1 && v[2] <= double(b.lastStep - b.firstStep + 1)) ||
                v[2] != std::floor(v[2]))
                fail("tensor " + quotedName(r->name) + " row " + std::to_string(row) +
                     " has count " + std::to_string(v[2]) + ", expected a whole number from 1 to " +
                     "the steps it spans");
            b.count = std::int64_t(v[2]);
            b.firstEpoch = v[3];
            b.lastEpoch = v[4];
            b.mean = {v[5], v[6], v[7]};
            b.min = {v[8], v[9], v[10]};
            b.max = {v[11], v[12], v[13]};
            b.meanBeta = v[14];
            b.meanLearningRate = v[15];
            buckets.push_back(b);
        });
    std::vector<StepRecord> none;
    StepHistory history(std::move(buckets), none);
    if (const TensorRange* r = find(kHistoryStepsTensor))
        rows(*r, kStepColumns, [&](std::int64_t row, const double* v) {
            StepRecord s;
            s.step = stepNumber(*r, row, v[0]);
            s.epoch = v[1];
            s.loss = {v[2], v[3], v[4]};
            s.beta = v[5];
            s.learningRate = v[6];
            history.push_back(s);
        });
    m_history.steps = std::move(history);
}

void CheckpointReader::readTensor(const TensorRange& tensor, float* out)
{
    m_in.clear();
    m_in.seekg(std::streamoff(m_dataStart + tensor.begin));
    if (!m_in.read(reinterpret_cast<char*>(out), std::streamsize(tensor.end - tensor.begin)))
        fail("read error in tensor " + quotedName(tensor.name) + " (was the file changed?)");
    const std::size_t n = tensor.elements();
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(out[i]))
            fail("tensor " + quotedName(tensor.name) +
                 " holds NaN or infinite values (the first at " + "element " + std::to_string(i) +
                 ")");
}

} // namespace vae::detail
