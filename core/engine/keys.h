#pragma once

#include "config/config.h"

#include <QSet>

namespace qcc {

class SecretStore;

//! True when \a store can be used (a keychain answers, even "no such entry").
bool keychainAvailable(SecretStore *store, UiText *why);
/*! Fills EndpointConfig::key of every endpoint whose key is in the keychain, or its
 *  keyProblem. Returns one line per endpoint whose key could not be read. */
QList<UiText> resolveKeychainKeys(Config *config, SecretStore *store);
/*! Without a keychain: every endpoint whose key is there gets \a why as its key problem.
 *  Returns one line per such endpoint. */
QList<UiText> markKeychainUnavailable(Config *config, const UiText &why);
/*! Moves every plaintext api_key into the keychain: the file then holds none. An endpoint's id
 *  is frozen first, so it stays the same without the key. Returns how many moved. */
int moveKeysToKeychain(Config *config, SecretStore *store, QList<UiText> *problems,
                       const QSet<QString> &leaveInFile = {});
//! How many endpoints carry a plaintext api_key.
int plaintextKeyCount(const Config &config);

} // namespace qcc
