#pragma once

#include "config/config.h"
#include "platform/logging.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace qcc {

/*! The options both binaries share (docs/QCCD.md, "Options"), parsed once. */
struct CommonOptions
{
    QString configPath;
    QString stateDir;
    QString listenHost; //!< empty: from the config
    int port = -1;      //!< -1: from the config
    LogLevel logLevel = LogLevel::Info;
    QString checkConfig;
    QString claudeCode; //!< enable | disable | status, or empty
};

void addCommonOptions(QCommandLineParser *parser);
//! Like QCommandLineParser::process(), but an unknown option or a missing value exits with 2.
void processOptions(QCommandLineParser *parser, const QStringList &arguments);
//! False with \a error set when an option value is invalid.
bool readCommonOptions(const QCommandLineParser &parser, CommonOptions *options, QString *error);

/*! Handles the options that do their work and exit (--check-config, --claude-code). Returns
 *  true with \a exitCode set when the program should exit now. */
bool runImmediateOptions(const CommonOptions &options, int *exitCode);

//! Creates the state dir and installs the log handler writing \a logName there.
void startLogging(const CommonOptions &options, const QString &logName);

/*! Start-up shared by both programs: loads the effective config (printing its problems to
 *  stderr), creates the state dir and installs the log handler writing LOGNAME there. Empty
 *  when the config is not usable (exit with 2). */
std::optional<Config> loadStartupConfig(const CommonOptions &options, const QString &logName,
                                        bool *created);

/*! Loads the config named by \a options (creating the default one on first run) and applies the
 *  command-line overrides. Returns the problems, one per line, when it is not usable. */
ConfigResult loadEffectiveConfig(const CommonOptions &options, bool *created,
                                 bool createIfMissing = true);

} // namespace qcc
