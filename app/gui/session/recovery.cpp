#include "session/recovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QSysInfo>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace vae::gui {

namespace {

// Gives the texts below a translation context that lupdate recognises.
struct Recovery {
    Q_DECLARE_TR_FUNCTIONS(Recovery)
};

constexpr auto kFormat = "vae-explorer-recovery/1";
constexpr auto kPrefix = "recovery-";
constexpr auto kCheckpointSuffix = ".safetensors";
constexpr auto kSidecarSuffix = ".json";
constexpr auto kLockSuffix = ".lock";
// A sidecar is a few hundred bytes; anything much larger is not one (read whole, so bounded).
constexpr qint64 kMaxSidecarBytes = 64 * 1024;

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

/// The ids of the recovery files this process's windows hold: their locks name this PID too, and
/// must not be taken for a dead process's whose PID came round again.
std::mutex g_liveMutex;
QSet<QString>& liveIds()
{
    static QSet<QString> ids;
    return ids;
}
std::atomic<int> g_nextId{1};

QString pathFor(const QString& directory, const QString& id, const char* suffix)
{
    return QDir(directory).filePath(QLatin1String(kPrefix) + id + QLatin1String(suffix));
}

std::unique_ptr<QLockFile> makeLock(const QString& path)
{
    auto lock = std::make_unique<QLockFile>(path);
    // A lock is held for the whole session: never "stale" by age, only when its process is gone.
    lock->setStaleLockTime(0);
    return lock;
}

/// Takes the lock of a recovery file that is not this process's: true when its owner is gone.
bool tryLockOrphan(QLockFile& lock)
{
    if (lock.tryLock(0))
        return true; // no lock file, or one QLockFile found stale (its PID not running)
    if (lock.error() != QLockFile::LockFailedError)
        return false;
    qint64 pid = 0;
    QString host;
    QString application;
    const bool readable = lock.getLockInfo(&pid, &host, &application);
    const bool sameHost = host.isEmpty() || host == QSysInfo::machineHostName();
    // Ours by PID but held by no window here: a dead process had this PID. An unreadable lock
    // file (the process died while writing it) says nothing. removeStaleLockFile() takes the
    // file's flock first, so a lock that a live process holds is never removed.
    if ((readable && sameHost && pid == QCoreApplication::applicationPid()) || !readable) {
        if (lock.removeStaleLockFile())
            return lock.tryLock(0);
    }
    return false;
}

std::optional<RecoveryInfo> readSidecar(const QString& path)
{
    QFile file(path);
    if (file.size() > kMaxSidecarBytes || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return RecoveryInfo::fromJson(file.readAll());
}

} // namespace

// ---------------------------------------------------------------------------------------------
// RecoveryInfo

QByteArray RecoveryInfo::toJson() const
{
    QJsonObject object;
    object[QStringLiteral("format")] = QLatin1String(kFormat);
    object[QStringLiteral("saved_at")] = savedAt.toUTC().toString(Qt::ISODateWithMs);
    object[QStringLiteral("step")] = step;
    object[QStringLiteral("epoch")] = epoch;
    object[QStringLiteral("dataset")] = datasetName;
    object[QStringLiteral("dataset_spec")] = datasetSpec;
    object[QStringLiteral("model")] = model;
    object[QStringLiteral("original_file")] = originalFile;
    object[QStringLiteral("pid")] = QCoreApplication::applicationPid();
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<RecoveryInfo> RecoveryInfo::fromJson(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return std::nullopt;
    RecoveryInfo info;
    info.savedAt = QDateTime::fromString(object.value(QStringLiteral("saved_at")).toString(),
                                         Qt::ISODateWithMs);
    info.step = object.value(QStringLiteral("step")).toInteger(-1);
    info.epoch = object.value(QStringLiteral("epoch")).toDouble();
    info.datasetName = object.value(QStringLiteral("dataset")).toString();
    info.datasetSpec = object.value(QStringLiteral("dataset_spec")).toString();
    info.model = object.value(QStringLiteral("model")).toString();
    info.originalFile = object.value(QStringLiteral("original_file")).toString();
    return info;
}

RecoveryInfo RecoveryInfo::describe(const vae::Checkpoint& run, const QString& originalFile)
{
    RecoveryInfo info;
    info.savedAt = QDateTime::currentDateTimeUtc();
    info.step = run.model->step();
    if (!run.history.steps.empty())
        info.epoch = run.history.steps.back().epoch;
    info.datasetName = QString::fromStdString(run.model->description().name);
    info.datasetSpec = QString::fromStdString(run.model->description().source);
    info.model = QString::fromStdString(run.config.modelName());
    info.originalFile = originalFile;
    return info;
}

// ---------------------------------------------------------------------------------------------
// OrphanedRecovery

OrphanedRecovery::OrphanedRecovery(QString id, QString checkpointPath, QString sidecarPath,
                                   RecoveryInfo info, std::unique_ptr<QLockFile> lock)
    : m_id(std::move(id)), m_checkpointPath(std::move(checkpointPath)),
      m_sidecarPath(std::move(sidecarPath)), m_info(std::move(info)), m_lock(std::move(lock))
{
    // Held here: another window of this process looking for orphans passes it by.
    const std::lock_guard guard(g_liveMutex);
    liveIds().insert(m_id);
}

OrphanedRecovery::~OrphanedRecovery()
{
    release();
}

OrphanedRecovery::OrphanedRecovery(OrphanedRecovery&&) noexcept = default;

OrphanedRecovery& OrphanedRecovery::operator=(OrphanedRecovery&& other) noexcept
{
    if (this != &other) {
        release();
        m_id = std::move(other.m_id);
        m_checkpointPath = std::move(other.m_checkpointPath);
        m_sidecarPath = std::move(other.m_sidecarPath);
        m_info = std::move(other.m_info);
        m_lock = std::move(other.m_lock);
    }
    return *this;
}

void OrphanedRecovery::release()
{
    if (!m_lock)
        return; // moved from, or released already
    m_lock->unlock();
    m_lock.reset();
    const std::lock_guard guard(g_liveMutex);
    liveIds().remove(m_id);
}

void OrphanedRecovery::discard()
{
    // The sidecar first: a checkpoint alone is still found (and offered) if this is interrupted.
    QFile::remove(m_sidecarPath);
    QFile::remove(m_checkpointPath);
    release();
}

// ---------------------------------------------------------------------------------------------
// RecoveryFiles

QString RecoveryFiles::defaultDirectory()
{
    const QString override = qEnvironmentVariable("VAE_EXPLORER_RECOVERY_DIR");
    if (!override.isEmpty())
        return override;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

bool RecoveryFiles::directoryIsOverridden()
{
    return !qEnvironmentVariableIsEmpty("VAE_EXPLORER_RECOVERY_DIR");
}

RecoveryFiles::RecoveryFiles(QString directory)
    : m_directory(std::move(directory)),
      m_id(QStringLiteral("%1-%2-%3")
               .arg(QCoreApplication::applicationPid())
               .arg(g_nextId++)
               .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMddThhmmss"))))
{
    const std::lock_guard lock(g_liveMutex);
    liveIds().insert(m_id);
}

RecoveryFiles::~RecoveryFiles()
{
    if (m_lock)
        m_lock->unlock();
    const std::lock_guard lock(g_liveMutex);
    liveIds().remove(m_id);
}

QString RecoveryFiles::checkpointPath() const
{
    return pathFor(m_directory, m_id, kCheckpointSuffix);
}

QString RecoveryFiles::sidecarPath() const
{
    return pathFor(m_directory, m_id, kSidecarSuffix);
}

bool RecoveryFiles::claimed() const
{
    return m_lock && m_lock->isLocked();
}

bool RecoveryFiles::claim(QString* error)
{
    if (claimed())
        return true;
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = Recovery::tr("Cannot create the folder %1.").arg(m_directory);
        return false;
    }
    m_lock = makeLock(pathFor(m_directory, m_id, kLockSuffix));
    if (m_lock->tryLock(0))
        return true;
    if (error) {
        *error = m_lock->error() == QLockFile::PermissionError
                     ? Recovery::tr("Cannot write in the folder %1.").arg(m_directory)
                     : Recovery::tr("Cannot lock %1.").arg(m_lock->fileName());
    }
    m_lock.reset();
    return false;
}

bool RecoveryFiles::exists() const
{
    return QFileInfo::exists(checkpointPath());
}

void RecoveryFiles::remove()
{
    QFile::remove(sidecarPath());
    QFile::remove(checkpointPath());
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
}

bool RecoveryFiles::adopt(OrphanedRecovery& orphan, QString* error)
{
    if (!claim(error))
        return false;
    QFile::remove(sidecarPath());
    QFile::remove(checkpointPath());
    if (!QFile::rename(orphan.m_checkpointPath, checkpointPath())) {
        if (error)
            *error = Recovery::tr("Cannot rename %1.").arg(orphan.m_checkpointPath);
        return false;
    }
    if (QFileInfo::exists(orphan.m_sidecarPath))
        QFile::rename(orphan.m_sidecarPath, sidecarPath()); // the sidecar is a description only
    orphan.m_checkpointPath = checkpointPath();
    orphan.m_sidecarPath = sidecarPath();
    orphan.release();
    return true;
}

void RecoveryFiles::write(const QString& checkpointPath, const QString& sidecarPath,
                          const vae::Checkpoint& run, const RecoveryInfo& info)
{
    vae::saveCheckpoint(toPath(checkpointPath), *run.model, run.history,
                        run.training ? &*run.training : nullptr);
    QSaveFile sidecar(sidecarPath);
    if (!sidecar.open(QIODevice::WriteOnly) || sidecar.write(info.toJson()) < 0 ||
        !sidecar.commit()) {
        throw std::runtime_error(Recovery::tr("Cannot write %1: %2")
                                     .arg(sidecarPath, sidecar.errorString())
                                     .toStdString());
    }
}

std::vector<OrphanedRecovery> RecoveryFiles::findOrphans(const QString& directory)
{
    const QDir dir(directory);
    if (!dir.exists())
        return {};
    QSet<QString> ids;
    const QString prefix = QLatin1String(kPrefix);
    for (const QString& name : dir.entryList({prefix + QLatin1Char('*')}, QDir::Files)) {
        for (const char* suffix : {kCheckpointSuffix, kSidecarSuffix, kLockSuffix}) {
            if (name.endsWith(QLatin1String(suffix))) {
                ids.insert(name.mid(prefix.size(),
                                    name.size() - prefix.size() - qsizetype(std::strlen(suffix))));
                break;
            }
        }
    }
    {
        const std::lock_guard lock(g_liveMutex);
        ids.subtract(liveIds());
    }
    std::vector<OrphanedRecovery> found;
    for (const QString& id : ids) {
        std::unique_ptr<QLockFile> lock = makeLock(pathFor(directory, id, kLockSuffix));
        if (!tryLockOrphan(*lock))
            continue; // a running instance's, or one we may not touch
        const QString checkpoint = pathFor(directory, id, kCheckpointSuffix);
        const QString sidecar = pathFor(directory, id, kSidecarSuffix);
        if (!QFileInfo::exists(checkpoint)) {
            // Nothing to restore: a crash before the first autosave, or during a removal.
            QFile::remove(sidecar);
            lock->unlock();
            continue;
        }
        RecoveryInfo info = readSidecar(sidecar).value_or(RecoveryInfo{});
        if (!info.savedAt.isValid())
            info.savedAt = QFileInfo(checkpoint).lastModified();
        found.emplace_back(id, checkpoint, sidecar, std::move(info), std::move(lock));
    }
    std::sort(found.begin(), found.end(), [](const OrphanedRecovery& a, const OrphanedRecovery& b) {
        return a.info().savedAt > b.info().savedAt;
    });
    return found;
}

} // namespace vae::gui
