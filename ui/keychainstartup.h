#pragma once

#include "config/config.h"

class QMessageBox;

namespace qcc {

class EngineHost;
class SecretStore;

/*! Where qcc-tray's endpoint keys come from at start-up: the OS keychain when there is one (then
 *  keys named as kept there are read from it), else the config file. \a keychain null: no
 *  keychain (QCC_NO_KEYCHAIN, or none found). Returns the problems to show (endpoints whose key
 *  could not be had: status no_key) and sets \a available. */
QList<UiText> prepareKeychainKeys(Config *config, SecretStore *keychain, bool *available);

/*! Asks, without blocking, whether to move the keys \a config holds in plain text into the
 *  keychain \a backendName names: always after a first run (a key found in ANTHROPIC_API_KEY was
 *  written into the new file), else until the user declined once. Yes moves them through
 *  \a host; No remembers the answer. Returns the question (it deletes itself when answered), or
 *  null when there is nothing to ask. */
QMessageBox *offerKeychainMove(EngineHost *host, const Config &config, const QString &configPath,
                               const QString &backendName, bool firstRun);

} // namespace qcc
