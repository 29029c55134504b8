#include "vae/checkpoint.h"

#include "checkpoint_format.h"
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
    header["__metadata__"] = {{"format", detail::kCheckpointFormat},
                              {"config", model.config().toJson()},
                              {"data", model.description().toJson()},
                              {"history", historyToJson(history)},
                              {"step", std::to_string(model.step())}};
    if (model.likelihood() == Likelihood::Gaussian) // the σ evaluations use; shortest round trip
        header["__metadata__"]["gaussian_sigma"] = detail::formatSigma(model.gaussianSigma());
    std::string headerText = header.dump();
    // safetensors pads the header with spaces so the data starts 8-byte aligned.
    headerText.append((8 - headerText.size() % 8) % 8, ' ');
    const std::uint64_t headerSize = headerText.size();
    if (headerSize > detail::kMaxCheckpointHeaderBytes) // loadCheckpoint would refuse the file
        throw CheckpointError(std::string("cannot save ").append(file.string()) +
                              ": the header (config and " + std::to_string(history.steps.size()) +
                              " training steps) is " + std::to_string(headerSize) +
                              " bytes, more than the " +
                              std::to_string(detail::kMaxCheckpointHeaderBytes >> 20) +
                              " MiB a checkpoint header may have");

    const std::filesystem::path target = std::filesystem::absolute(file);
    std::random_device entropy;
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on "." + string&&.
    std::string tempName = ".";
    tempName += target.filename().string();
    tempName += ".tmp-";
    tempName += std::to_string(entropy());
    const std::filesystem::path temp = target.parent_path() / tempName;
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
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
        // close() releases the descriptor even when it fails (Linux): never close it twice, as
        // another thread may already have been given the same number.
        const int closed = ::close(fd);
        fd = -1;
        if (closed != 0)
            throw CheckpointError("cannot save " + target.string() + ": " + std::strerror(errno));
    } catch (...) {
        if (fd >= 0)
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
    // Every size the file controls is validated here, before the model is allocated.
    detail::CheckpointReader reader(file);
    Checkpoint checkpoint;
    checkpoint.config = reader.config();
    checkpoint.history = reader.history();
    VaeNet net = makeNet(checkpoint.config);
    {
        torch::NoGradGuard noGrad;
        auto params = net->named_parameters();
        for (const detail::TensorRange& r : reader.tensors()) {
            torch::Tensor& p = params[r.name];
            // makeNet's parameters are contiguous F32 of the shape the reader checked.
            if (p.sizes().vec() != r.shape || p.scalar_type() != torch::kFloat32 ||
                !p.is_contiguous())
                throw CheckpointError(file.string() + ": internal error: parameter \"" + r.name +
                                      "\" does not have the layout the file format expects");
            reader.readTensor(r, p.data_ptr<float>());
        }
    }
    if (checkpoint.config.likelihood == Likelihood::Gaussian)
        net->setGaussianSigma(reader.gaussianSigma());
    checkpoint.model =
        detail::snapshot(net, checkpoint.config, reader.description(), reader.step());
    return checkpoint;
}

} // namespace vae
