#include "vae/checkpoint.h"

#include "atomic_file.h"
#include "checkpoint_format.h"
#include "inference_impl.h"
#include "vae/errors.h"
#include "vae/metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>

namespace vae {

static_assert(std::endian::native == std::endian::little,
              "safetensors stores little-endian data; this code writes host floats as they are");

void saveCheckpoint(const std::filesystem::path& file, const InferenceModel& model,
                    const TrainingHistory& history, const TrainingState* training)
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
    if (training) {
        if (training->step != model.step())
            throw CheckpointError("cannot save " + file.string() + ": the training state is at step " +
                                  std::to_string(training->step) + " but the model at step " +
                                  std::to_string(model.step()));
        std::int64_t weights = 0;
        for (const torch::Tensor& t : tensors)
            weights += t.numel();
        auto moment = [&](const char* name, const std::vector<float>& values) {
            if (!values.empty() && std::int64_t(values.size()) != weights)
                throw CheckpointError("cannot save " + file.string() + ": the optimizer state has " +
                                      std::to_string(values.size()) + " values per moment, the model " +
                                      std::to_string(weights) + " weights");
            const torch::Tensor t =
                values.empty() ? torch::zeros({weights})
                               : torch::from_blob(const_cast<float*>(values.data()), {weights},
                                                  torch::kFloat32);
            const std::uint64_t bytes = std::uint64_t(weights) * sizeof(float);
            header[name] = {{"dtype", "F32"},
                            {"shape", {weights}},
                            {"data_offsets", {offset, offset + bytes}}};
            offset += bytes;
            tensors.push_back(t);
        };
        moment(detail::kAdamFirstMomentTensor, training->adamFirstMoment);
        moment(detail::kAdamSecondMomentTensor, training->adamSecondMoment);
    }
    // The step records as F64 tensors (vae::detail::kHistoryStepsTensor, kHistoryBucketsTensor):
    // 56 bytes a record, the same for any run length (StepHistory bounds them), where the JSON
    // list they replace took ~100 bytes a step of the header for every step of the run.
    std::vector<std::pair<const char*, std::vector<double>>> historyTensors;
    if (!history.steps.buckets().empty()) {
        std::vector<double> rows;
        rows.reserve(history.steps.buckets().size() * detail::kBucketColumns);
        for (const StepBucket& b : history.steps.buckets())
            rows.insert(rows.end(),
                        {double(b.firstStep), double(b.lastStep), double(b.count), b.firstEpoch,
                         b.lastEpoch, b.mean.reconstruction, b.mean.kl, b.mean.elbo,
                         b.min.reconstruction, b.min.kl, b.min.elbo, b.max.reconstruction,
                         b.max.kl, b.max.elbo, b.meanBeta, b.meanLearningRate});
        historyTensors.emplace_back(detail::kHistoryBucketsTensor, std::move(rows));
    }
    if (history.steps.size() > 0) {
        std::vector<double> rows;
        rows.reserve(history.steps.size() * detail::kStepColumns);
        for (const StepRecord& r : history.steps)
            rows.insert(rows.end(), {double(r.step), r.epoch, r.loss.reconstruction, r.loss.kl,
                                     r.loss.elbo, r.beta, r.learningRate});
        historyTensors.emplace_back(detail::kHistoryStepsTensor, std::move(rows));
    }
    for (const auto& [name, rows] : historyTensors) {
        const std::uint64_t bytes = rows.size() * sizeof(double);
        const std::int64_t columns = name == std::string_view(detail::kHistoryStepsTensor)
                                         ? detail::kStepColumns
                                         : detail::kBucketColumns;
        header[name] = {{"dtype", "F64"},
                        {"shape", {std::int64_t(rows.size()) / columns, columns}},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    // The epochs and setting changes stay JSON in the metadata; its "steps" list is empty.
    TrainingHistory summaries;
    summaries.epochs = history.epochs;
    summaries.changes = history.changes;
    header["__metadata__"] = {{"format", detail::kCheckpointFormat},
                              {"config", model.config().toJson()},
                              {"data", model.description().toJson()},
                              {"history", historyToJson(summaries)},
                              {"step", std::to_string(model.step())}};
    if (training)
        header["__metadata__"]["training_state"] = training->toJson();
    if (model.likelihood() == Likelihood::Gaussian) // the σ evaluations use; shortest round trip
        header["__metadata__"]["gaussian_sigma"] = detail::formatSigma(model.gaussianSigma());
    std::string headerText = header.dump();
    // safetensors pads the header with spaces so the data starts 8-byte aligned.
    headerText.append((8 - headerText.size() % 8) % 8, ' ');
    const std::uint64_t headerSize = headerText.size();
    if (headerSize > detail::kMaxCheckpointHeaderBytes) // loadCheckpoint would refuse the file
        throw CheckpointError(std::string("cannot save ").append(file.string()) +
                              ": the header (config, " + std::to_string(history.epochs.size()) +
                              " epochs and " + std::to_string(history.changes.size()) +
                              " setting changes) is " + std::to_string(headerSize) +
                              " bytes, more than the " +
                              std::to_string(detail::kMaxCheckpointHeaderBytes >> 20) +
                              " MiB a checkpoint header may have");

    detail::AtomicFile<CheckpointError> out(file);
    char length[8];
    std::memcpy(length, &headerSize, 8);
    out.write(length, 8);
    out.write(headerText.data(), headerText.size());
    for (const torch::Tensor& t : tensors)
        out.write(t.data_ptr(), t.numel() * sizeof(float));
    for (const auto& [name, rows] : historyTensors)
        out.write(rows.data(), rows.size() * sizeof(double));
    out.commit();
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
        if (reader.trainingState())
            checkpoint.training = *reader.trainingState();
        for (const detail::TensorRange& r : reader.tensors()) {
            if (r.name == detail::kAdamFirstMomentTensor ||
                r.name == detail::kAdamSecondMomentTensor) {
                std::vector<float>& moment = r.name == detail::kAdamFirstMomentTensor
                                                 ? checkpoint.training->adamFirstMoment
                                                 : checkpoint.training->adamSecondMoment;
                moment.resize(r.elements());
                reader.readTensor(r, moment.data());
                continue;
            }
            torch::Tensor& p = params[r.name];
            // makeNet's parameters are contiguous F32 of the shape the reader checked.
            if (p.sizes().vec() != r.shape || p.scalar_type() != torch::kFloat32 ||
                !p.is_contiguous())
                throw CheckpointError(file.string() + ": internal error: parameter \"" + r.name +
                                      "\" does not have the layout the file format expects");
            reader.readTensor(r, p.data_ptr<float>());
        }
    }
    if (checkpoint.training &&
        std::any_of(checkpoint.training->adamSecondMoment.begin(),
                    checkpoint.training->adamSecondMoment.end(), [](float v) { return v < 0; }))
        throw CheckpointError(file.string() + ": tensor \"" +
                              std::string(detail::kAdamSecondMomentTensor) +
                              "\" (Adam's second moment) holds negative values");
    if (checkpoint.config.likelihood == Likelihood::Gaussian)
        net->setGaussianSigma(reader.gaussianSigma());
    checkpoint.model =
        detail::snapshot(net, checkpoint.config, reader.description(), reader.step());
    return checkpoint;
}

} // namespace vae
