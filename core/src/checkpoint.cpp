#include "vae/checkpoint.h"

#include "inference_impl.h"
#include "vae/errors.h"
#include "vae/metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <unistd.h>

namespace vae {
namespace {

static_assert(std::endian::native == std::endian::little,
              "safetensors stores little-endian data; this code writes host floats as they are");

constexpr const char* kFormat = "vae-explorer/1";
// The header of a real checkpoint is a few kB plus the history (≈100 bytes per step); 256 MiB
// is far above that and keeps a hostile header length from causing a huge allocation.
constexpr std::uint64_t kMaxHeaderBytes = 256ull << 20;

struct TensorSpec {
    std::string name;
    std::vector<std::int64_t> shape;
};

/// The parameter names and shapes VaeNet has for `config`, computed without allocating them.
std::vector<TensorSpec> expectedTensors(const TrainingConfig& config)
{
    std::vector<TensorSpec> specs;
    auto linear = [&specs](const std::string& prefix, std::int64_t in, std::int64_t out) {
        specs.push_back({prefix + ".weight", {out, in}});
        specs.push_back({prefix + ".bias", {out}});
    };
    std::int64_t in = 784;
    for (std::size_t i = 0; i < config.hiddenSizes.size(); ++i) {
        linear("encoder." + std::to_string(2 * i), in, config.hiddenSizes[i]);
        in = config.hiddenSizes[i];
    }
    linear("encoder_head", in, 2 * config.latentDim);
    in = config.latentDim;
    std::size_t index = 0;
    for (auto it = config.hiddenSizes.rbegin(); it != config.hiddenSizes.rend(); ++it, ++index) {
        linear("decoder." + std::to_string(2 * index), in, *it);
        in = *it;
    }
    linear("decoder." + std::to_string(2 * index), in, 784);
    return specs;
}

std::int64_t elementCount(const std::vector<std::int64_t>& shape)
{
    std::int64_t n = 1;
    for (std::int64_t d : shape)
        n *= d;
    return n;
}

std::string shapeString(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

void writeAll(int fd, const char* data, std::size_t size, const std::string& file)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            throw CheckpointError("cannot write " + file + ": " + std::strerror(errno));
        }
        data += written;
        size -= std::size_t(written);
    }
}

} // namespace

void saveCheckpoint(const std::filesystem::path& file, const InferenceModel& model,
                    const TrainingHistory& history)
{
    const auto params = model.impl().net->named_parameters();
    nlohmann::json header;
    std::uint64_t offset = 0;
    std::vector<torch::Tensor> tensors;
    for (const auto& item : params) {
        const torch::Tensor t = item.value().detach().contiguous().to(torch::kFloat32);
        const std::uint64_t bytes = std::uint64_t(t.numel()) * sizeof(float);
        header[item.key()] = {{"dtype", "F32"},
                              {"shape", t.sizes().vec()},
                              {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        tensors.push_back(t);
    }
    header["__metadata__"] = {{"format", kFormat},
                              {"config", model.config().toJson()},
                              {"history", historyToJson(history)},
                              {"step", std::to_string(model.step())}};
    std::string headerText = header.dump();
    // safetensors pads the header with spaces so the data starts 8-byte aligned.
    headerText.append((8 - headerText.size() % 8) % 8, ' ');
    const std::uint64_t headerSize = headerText.size();

    const std::filesystem::path target = std::filesystem::absolute(file);
    std::random_device entropy;
    const std::filesystem::path temp =
        target.parent_path() /
        ("." + target.filename().string() + ".tmp-" + std::to_string(entropy()));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw CheckpointError("cannot save " + target.string() + ": cannot create a file in " +
                              target.parent_path().string() + " (" + std::strerror(errno) + ")");
    try {
        char length[8];
        std::memcpy(length, &headerSize, 8);
        writeAll(fd, length, 8, target.string());
        writeAll(fd, headerText.data(), headerText.size(), target.string());
        for (const torch::Tensor& t : tensors)
            writeAll(fd, static_cast<const char*>(t.data_ptr()), t.numel() * sizeof(float),
                     target.string());
        if (::fsync(fd) != 0)
            throw CheckpointError("cannot save " + target.string() + ": " + std::strerror(errno));
        if (::close(fd) != 0)
            throw CheckpointError("cannot save " + target.string() + ": " + std::strerror(errno));
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    std::error_code ec;
    std::filesystem::rename(temp, target, ec);
    if (ec) {
        ::unlink(temp.c_str());
        throw CheckpointError("cannot save " + target.string() + ": " + ec.message());
    }
}

Checkpoint loadCheckpoint(const std::filesystem::path& file)
{
    const std::string name = file.string();
    auto fail = [&name](const std::string& problem) -> CheckpointError {
        return CheckpointError(name + ": " + problem);
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw fail("no such checkpoint file");
    const std::uint64_t fileSize = std::filesystem::file_size(file, ec);
    if (ec)
        throw fail("cannot read its size (" + ec.message() + ")");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw fail("cannot be opened for reading");
    if (fileSize < 8)
        throw fail("too short to be a safetensors file (" + std::to_string(fileSize) + " bytes)");
    std::uint64_t headerSize = 0;
    in.read(reinterpret_cast<char*>(&headerSize), 8);
    if (headerSize > fileSize - 8 || headerSize > kMaxHeaderBytes)
        throw fail("not a safetensors file: its header length (" + std::to_string(headerSize) +
                   " bytes) exceeds the file size (" + std::to_string(fileSize) + " bytes)");
    std::string headerText(headerSize, '\0');
    if (!in.read(headerText.data(), std::streamsize(headerSize)))
        throw fail("read error in the header");
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerText);
    } catch (const nlohmann::json::exception& e) {
        throw fail(std::string("the safetensors header is not valid JSON (") + e.what() + ")");
    }
    if (!header.is_object())
        throw fail("the safetensors header is not a JSON object");

    const auto meta = header.find("__metadata__");
    if (meta == header.end() || !meta->is_object() || !meta->contains("format") ||
        !(*meta)["format"].is_string() || (*meta)["format"].get<std::string>() != kFormat)
        throw fail(std::string("not a VAE Explorer checkpoint (the safetensors metadata lacks "
                               "\"format\": \"") + kFormat + "\")");
    for (const auto& [key, value] : meta->items())
        if (!value.is_string())
            throw fail("metadata value \"" + key + "\" is not a string");
    if (!meta->contains("config"))
        throw fail("the metadata has no \"config\"");

    Checkpoint checkpoint;
    try {
        checkpoint.config = TrainingConfig::fromJson((*meta)["config"].get<std::string>());
        checkpoint.config.validate();
    } catch (const ConfigError& e) {
        throw fail(std::string("invalid config in the metadata: ") + e.what());
    }
    if (meta->contains("history")) {
        try {
            checkpoint.history = historyFromJson((*meta)["history"].get<std::string>());
        } catch (const CheckpointError& e) {
            throw fail(e.what());
        }
    }
    std::int64_t step = checkpoint.history.steps.empty() ? 0 : checkpoint.history.steps.back().step;

    const std::uint64_t dataStart = 8 + headerSize;
    const std::uint64_t dataSize = fileSize - dataStart;
    const std::vector<TensorSpec> expected = expectedTensors(checkpoint.config);
    std::uint64_t expectedBytes = 0;
    for (const TensorSpec& spec : expected)
        expectedBytes += std::uint64_t(elementCount(spec.shape)) * sizeof(float);
    if (expectedBytes > dataSize)
        throw fail("the config (latent dim " + std::to_string(checkpoint.config.latentDim) +
                   ", hidden " + formatHiddenSizes(checkpoint.config.hiddenSizes) + ") needs " +
                   std::to_string(expectedBytes) + " bytes of weights, but the file holds " +
                   std::to_string(dataSize));

    struct Range {
        std::uint64_t begin, end;
        std::string name;
    };
    std::vector<Range> ranges;
    for (const auto& [key, entry] : header.items()) {
        if (key == "__metadata__")
            continue;
        const auto spec = std::find_if(expected.begin(), expected.end(),
                                       [&](const TensorSpec& s) { return s.name == key; });
        if (spec == expected.end())
            throw fail("unexpected tensor \"" + key + "\" for a model with latent dim " +
                       std::to_string(checkpoint.config.latentDim) + " and hidden sizes " +
                       formatHiddenSizes(checkpoint.config.hiddenSizes));
        if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") ||
            !entry.contains("data_offsets"))
            throw fail("tensor \"" + key + "\" lacks dtype, shape or data_offsets");
        if (!entry["dtype"].is_string() || entry["dtype"].get<std::string>() != "F32")
            throw fail("tensor \"" + key + "\" has dtype " + entry["dtype"].dump() +
                       ", expected \"F32\"");
        std::vector<std::int64_t> shape;
        std::uint64_t begin = 0, end = 0;
        try {
            for (const auto& d : entry["shape"])
                shape.push_back(d.get<std::int64_t>());
            const auto& offsets = entry["data_offsets"];
            if (!offsets.is_array() || offsets.size() != 2)
                throw fail("tensor \"" + key + "\" data_offsets must be [begin, end]");
            begin = offsets[0].get<std::uint64_t>();
            end = offsets[1].get<std::uint64_t>();
        } catch (const nlohmann::json::exception&) {
            throw fail("tensor \"" + key + "\" has a malformed shape or data_offsets");
        }
        if (shape != spec->shape)
            throw fail("tensor \"" + key + "\" has shape " + shapeString(shape) + ", but the config "
                       "needs " + shapeString(spec->shape));
        if (begin > end || end > dataSize ||
            end - begin != std::uint64_t(elementCount(shape)) * sizeof(float))
            throw fail("tensor \"" + key + "\" has data_offsets [" + std::to_string(begin) + ", " +
                       std::to_string(end) + "] that do not fit its shape or the file (" +
                       std::to_string(dataSize) + " data bytes)");
        ranges.push_back({begin, end, key});
    }
    for (const TensorSpec& spec : expected)
        if (std::none_of(ranges.begin(), ranges.end(), [&](const Range& r) { return r.name == spec.name; }))
            throw fail("tensor \"" + spec.name + "\" is missing");
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    for (std::size_t i = 1; i < ranges.size(); ++i)
        if (ranges[i].begin < ranges[i - 1].end)
            throw fail("tensors \"" + ranges[i - 1].name + "\" and \"" + ranges[i].name +
                       "\" overlap in the file");

    VaeNet net = makeNet(checkpoint.config);
    {
        torch::NoGradGuard noGrad;
        auto params = net->named_parameters();
        for (const Range& r : ranges) {
            torch::Tensor& p = params[r.name];
            in.seekg(std::streamoff(dataStart + r.begin));
            if (!in.read(static_cast<char*>(p.data_ptr()), std::streamsize(r.end - r.begin)))
                throw fail("read error in tensor \"" + r.name + "\"");
            if (!torch::isfinite(p).all().item<bool>())
                throw fail("tensor \"" + r.name + "\" holds NaN or infinite values");
        }
    }
    checkpoint.model = detail::snapshot(net, checkpoint.config, step);
    return checkpoint;
}

} // namespace vae
