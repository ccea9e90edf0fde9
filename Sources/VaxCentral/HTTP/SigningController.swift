import Foundation
import Hummingbird
import VaxCore

/// The signing authority over HTTP: `GET /trust-list` and `GET /revocations`, open to anyone (they hold
/// no personal data, and a verifier anywhere needs them), signed by the authority; and, behind a site's
/// token, `POST /signing/certificate` with the site's request (PEM): its document signer, PEM. Without
/// a signing key given to `serve`, each answers 503 and says how to set signing up.
struct SigningController {
    let store: any CentralStorage
    let holder: SigningHolder

    func addOpenRoutes(to router: Router<CentralRequestContext>) {
        router.get("trust-list") { _, _ in
            guard let signing = await holder.signing else { return Self.notSetUp }
            return CentralResponse.json(.ok, try await signing.trustList(store: store, at: Date()), type: "application/json")
        }
        router.get("revocations") { _, _ in
            guard let signing = await holder.signing else { return Self.notSetUp }
            return CentralResponse.json(.ok, try await signing.revocationList(store: store, at: Date()), type: "application/json")
        }
    }

    func addSiteRoutes(to group: RouterGroup<CentralRequestContext>) {
        group.post("certificate") { request, context in
            let siteID = try context.requireSite()
            guard case .site(_, let siteName) = try context.requirePrincipal() else { throw HTTPError(.forbidden) }
            guard let signing = await holder.signing else { return Self.notSetUp }
            let body = try await request.body.collect(upTo: 16 << 10)
            do {
                let pem = try await signing.issue(requestPEM: String(buffer: body), siteID: siteID, siteName: siteName,
                                                  store: store, at: Date())
                return Response(status: .created, headers: [.contentType: "application/x-pem-file"],
                                body: .init(byteBuffer: ByteBuffer(string: pem)))
            } catch let problem as CentralSigning.Problem {
                return CentralResponse.outcome(.badRequest, code: "invalid", problem.description)
            }
        }
    }

    static var notSetUp: Response {
        CentralResponse.outcome(.serviceUnavailable, code: "not-supported",
                                "certificate signing is not set up at this centre: `vaxdesk-central signing init`, then `serve --signing-key FILE`")
    }
}

/// The signing authority once the service has loaded it (after its storage is migrated and reachable):
/// until then, and without a key, the signing routes say signing is not set up.
public actor SigningHolder {
    public private(set) var signing: CentralSigning?

    public init(_ signing: CentralSigning? = nil) {
        self.signing = signing
    }

    public func set(_ signing: CentralSigning) {
        self.signing = signing
    }
}
