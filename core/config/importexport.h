#pragma once

#include "config.h"

namespace qcc {

struct ImportResult
{
    QList<ClusterConfig> clusters; //!< as found; endpoint ids derived, keys resolved
    QList<UiText> problems;        //!< one line per skipped item or error
};

/*! Reads endpoints from the earlier Python QCC's ~/.fastcc/cache.json: each profile becomes a
 *  cluster; its endpoints[] (or its own base_url/api_key) become endpoints, priority 1 primary,
 *  2 secondary, weight kept. */
ImportResult importFastcc(const QByteArray &json);
//! Reads clusters from a file written by exportClusters() (or a whole QCC config file).
ImportResult importQcc(const QByteArray &json);
//! Picks the importer by content. \a path is only used in messages.
ImportResult importFile(const QString &path);

//! The clusters as an export file; keys are left out unless \a withKeys.
QByteArray exportClusters(const QList<ClusterConfig> &clusters, bool withKeys);

/*! Adds imported clusters to \a config: a cluster of the same name gains the endpoints it does
 *  not have yet (same id); others are appended. Returns how many endpoints were added. */
int mergeClusters(Config *config, const QList<ClusterConfig> &clusters);

} // namespace qcc
