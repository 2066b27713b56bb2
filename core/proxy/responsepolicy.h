#pragma once

#include "health/balancer.h"
#include "http/headers.h"
#include "http/jsonscan.h"
#include "platform/uitext.h"

#include <QByteArrayView>
#include <QStringList>

namespace qcc {

/*! The proxy's decisions about an upstream's answer, as pure functions of what arrived (tested
 *  row by row in tst_responsepolicy, like classify()); Exchange only carries them out. */

//! What to do with an upstream's response head, decided before a byte of its body.
struct HeadDecision
{
    enum class Action {
        Relay,      //!< commit now: the head goes to the client, the body follows as it comes
        HoldStream, //!< a 2xx event stream: held until its first content event (the commit point)
        HoldBody,   //!< a 2xx Messages reply: held whole, judged, then sent
        HoldError,  //!< an error the next endpoint may do better on: held, quoted, classified
        Fail,       //!< the endpoint's fault at once: try the next one
    };
    Action action = Action::Fail;
    bool knownLength = false; //!< Relay: Content-Length framing (else chunked)
    UiText failure;           //!< Fail: why
};

struct HeadFacts
{
    int status = 0;
    const HeaderList *headers = nullptr;
    QByteArrayView method, path;   //!< of the client's request
    QByteArrayView acceptEncoding; //!< the client's Accept-Encoding
    QByteArrayView key;            //!< the endpoint's key, masked in any text quoted from the head
};

HeadDecision decideHead(const HeadFacts &facts);

/*! A held 2xx Messages reply at its end: empty when it is one JSON object that is not an error
 *  (it commits), else why the attempt fails. */
UiText judgeHeldReply(int status, QByteArrayView contentType, QByteArrayView body,
                      const JsonObjectScan &scan);

//! The proxy's own answer when no attempt could answer the client.
struct ProxyAnswer
{
    int status = 503;
    QString message; //!< the Anthropic-shaped error's message (English: clients parse it)
    HeaderList headers;
};

/*! \a attempts made (0: none could be tried), \a lastFailure the last one's reason, \a path the
 *  request's. */
ProxyAnswer noAnswer(const Unavailability &why, int attempts, const UiText &lastFailure,
                     QByteArrayView path);

} // namespace qcc
