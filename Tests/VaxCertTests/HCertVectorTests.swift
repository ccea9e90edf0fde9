import Crypto
import Foundation
import Testing
import VaxCert
import X509

/// A published HCERT test vector (eu-digital-green-certificates/dgc-testdata, AT/2DCode/raw/1.json): an
/// Austrian vaccination certificate, its COSE_Sign1 message, its zlib-compressed bytes and its Base45
/// text. What we did not write either produced these bytes; our readers and writers must agree with them.
@Suite("A published HCERT vector")
struct HCertVectorTests {
    static func hex(_ parts: [String]) -> [UInt8] { CBORTests.hex(parts.joined()) }

    static let cose = hex([
            "d2844da20448d919375fc1e7b6b20126a0590133a4041a61817ca0061a60942ea001624154390103a101a4617681aa62646e",
            "01626d616d4f52472d3130303033303231356276706a313131393334393030376264746a323032312d30322d313862636f62",
            "4154626369783155524e3a555643493a30313a41543a31303830373834334639344145453045453530393346424332353442",
            "443831332342626d706c45552f312f32302f31353238626973781b4d696e6973747279206f66204865616c74682c20417573",
            "747269616273640262746769383430353339303036636e616da463666e74754d5553544552465241553c474f455353494e47",
            "455262666e754d7573746572667261752d47c3b6c39f696e67657263676e74684741425249454c4562676e68476162726965",
            "6c656376657265312e302e3063646f626a313939382d30322d323658405812fce67cb84c3911d78e3f61f890d0c80eb96758",
            "06aebed66aa2d0d0c91d1fc98d7bcb80bf00e181806a9502e11b071325901bd0d2c1b6438747b8cc50f521",
        ])
    static let compressed = hex([
            "78dabbd4e2bb88c5e3a6a479fcc1e7db3631aa2d8864345ec22295d858b3804d2a618ade02c624c7104b46e6858c4b12cb1a",
            "5725a5e43126e526e6fa07b9eb1a1a1818181b18199a26951564191a1a5a1a9b581a189827a59464190185750d8c740d2d92",
            "92f3810624256756188606f9598586397b5a19185a398658191a5818985b9818bb599a38baba1ab8ba9a1a581abb39391b99",
            "9a38b958181a2b3b25e516e4b886ea1bea1b19e81b9a1a592465165748fb66e665169714552ae4a72978a426e69464e82838",
            "9602453213938a5398924ad2332d4c0c4c8d814e314bce4bcc5d929c965752ea1b1a1ce21ae416e4186ae3eeef1a1cece9e7",
            "ee1a94949657ea0bd49a5a94569458aaeb7e78dbe1f99979e9a945c9e9792519ee8e4e419eae3eae49e97919ee89494599a9",
            "39a9c965a945a9867a067a06c929f9495986969616206f1a9945384408fd7956b3c3c752f07a9f7de28f09174ef0ed4c8f60",
            "5bb7ef5ad6a20b174ecaca9fecad3eddb09fe1616343d654a687d2ecc2aa13a42f5c3ab8cdb9dd7dc79980af8a0066e489c3",
        ])
    static let base45 = [
            "NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9G4G50PHZF0AT4V22F/8X*G3M9JUPY0BX/KR96R/S09T./0LWTKD33",
            "236J3TA3M*4VV2 73-E3GG396B-43O058YIB73A*G3W19UEBY5:PI0EGSP4*2DN43U*0CEBQ/GXQFY73CIBC:G 7376BXBJBAJ U",
            "NFMJCRN0H3PQN*E33H3OA70M3FMJIJN523.K5QZ4A+2XEN QT QTHC31M3+E32R44$28A9H0D3ZCL4JMYAZ+S-A5$XKX6T2YC 35",
            "H/ITX8GL2-LH/CJTK96L6SR9MU9RFGJA6Q3QR$P2OIC0JVLA8J3ET3:H3A+2+33U SAAUOT3TPTO4UBZIC0JKQTL*QDKBO.AI9BV",
            "YTOCFOPS4IJCOT0$89NT2V457U8+9W2KQ-7LF9-DF07U$B97JJ1D7WKP/HLIJL8JF8JFHJP7NVDEBU1J*Z222E.GJ457661CFFTW",
            "M-8P2IUE7K*SSW613:9/:TT5IYQBTBU16R4I1A/9VRPJ-TS.7ZEM7MSVOCD4RG2L-TQJROXL2J:52J7F0Q10SMAP3CG3KHF0DWIH",
        ].joined()

    /// The document signer of the vector (TESTCTX.CERTIFICATE), base64 DER.
    static let signer = [
            "MIIBvTCCAWOgAwIBAgIKAXk8i88OleLsuTAKBggqhkjOPQQDAjA2MRYwFAYDVQQDDA1BVCBER0MgQ1NDQSAxMQswCQYDVQQGEwJBVDEPMA0G",
            "A1UECgwGQk1TR1BLMB4XDTIxMDUwNTEyNDEwNloXDTIzMDUwNTEyNDEwNlowPTERMA8GA1UEAwwIQVQgRFNDIDExCzAJBgNVBAYTAkFUMQ8w",
            "DQYDVQQKDAZCTVNHUEsxCjAIBgNVBAUTATEwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASt1Vz1rRuW1HqObUE9MDe7RzIk1gq4XW5GTyHu",
            "HTj5cFEn2Rge37+hINfCZZcozpwQKdyaporPUP1TE7UWl0F3o1IwUDAOBgNVHQ8BAf8EBAMCB4AwHQYDVR0OBBYEFO49y1ISb6cvXshLcp8U",
            "Up9VoGLQMB8GA1UdIwQYMBaAFP7JKEOflGEvef2iMdtopsetwGGeMAoGCCqGSM49BAMCA0gAMEUCIQDG2opotWG8tJXN84ZZqT6wUBz9KF8D",
            "+z9NukYvnUEQ3QIgdBLFSTSiDt0UJaDF6St2bkUQuVHW6fQbONd731/M4nc=",
        ].joined()

    @Test("the compressed bytes inflate to the published COSE message, and ours inflate back to it too")
    func zlib() throws {
        #expect(try Zlib.decompress(Self.compressed) == Self.cose)
        #expect(try Zlib.decompress(Zlib.compress(Self.cose)) == Self.cose)
        #expect(throws: Zlib.Failure.notZlib) { try Zlib.decompress(Array(Self.compressed.prefix(100))) }
        #expect(throws: Zlib.Failure.notZlib) { try Zlib.decompress(Self.cose) }
        let bomb = Zlib.compress([UInt8](repeating: 0, count: 4 << 20))
        #expect(throws: Zlib.Failure.tooLarge) { try Zlib.decompress(bomb) }
    }

    @Test("its signature verifies with the published document signer, whose DER gives the kid; one changed byte does not")
    func signature() throws {
        let der = try #require(Data(base64Encoded: Self.signer))
        let certificate = try Certificate(derEncoded: Array(der))
        #expect(DocumentSigner.kid(of: certificate) == CBORTests.hex("d919375fc1e7b6b2"))
        let key = try #require(P256.Signing.PublicKey(certificate.publicKey))
        let message = try COSESign1(bytes: Self.cose)
        #expect(message.kid == DocumentSigner.kid(of: certificate))
        #expect(try message.isSigned(by: key))
        var payload = message.payload
        payload[40] ^= 1
        let tampered = COSESign1(protectedHeader: message.protectedHeader, unprotectedHeader: message.unprotectedHeader,
                                 payload: payload, signature: message.signature)
        #expect(try !tampered.isSigned(by: key))
        #expect(try !message.isSigned(by: P256.Signing.PrivateKey().publicKey))
    }

    @Test("the whole HC1 text reads into its claims")
    func hc1() throws {
        let (message, claims) = try HC1.decode("HC1:" + Self.base45)
        #expect(message.encoded() == Self.cose)
        #expect(claims.issuer == "AT" && claims.certificate.name.familyICAO == "MUSTERFRAU<GOESSINGER")
        #expect(claims.certificate.vaccinations.map(\.product) == ["EU/1/20/1528"])
        #expect(claims.certificate.birthDate == "1998-02-26" && claims.certificate.version == "1.0.0")
    }

    @Test("the Base45 text decodes to the published compressed bytes, and they encode back to it")
    func base45() throws {
        #expect(try Base45.decode(Self.base45) == Self.compressed)
        #expect(Base45.encode(Self.compressed) == Self.base45)
    }

    @Test("the COSE_Sign1 message reads as tag 18 of four parts, its claims as the HCERT, and writes back byte for byte")
    func coseAndClaims() throws {
        let message = try CBOR.decode(Self.cose)
        #expect(message.encoded() == Self.cose, "shortest lengths, the map order kept")
        guard case .tagged(18, .array(let parts)) = message, parts.count == 4,
              case .bytes(let protected) = parts[0], case .bytes(let payload) = parts[2], case .bytes(let signature) = parts[3]
        else { Issue.record("\(message)"); return }
        #expect(signature.count == 64, "ES256: r and s, 32 bytes each")
        let header = try CBOR.decode(protected)
        #expect(header[.int(1)]?.int == -7, "alg ES256")
        #expect(header[.int(4)] == .bytes(CBORTests.hex("d919375fc1e7b6b2")), "kid: 8 bytes")
        let claims = try CBOR.decode(payload)
        #expect(claims[.int(1)] == .text("AT"))
        #expect(claims[.int(4)]?.int == 1_635_876_000 && claims[.int(6)]?.int == 1_620_324_000)
        let dcc = claims[.int(-260)]?[.int(1)]
        #expect(dcc?[.text("nam")]?[.text("fn")] == .text("Musterfrau-Gößinger"))
        #expect(dcc?[.text("nam")]?[.text("fnt")] == .text("MUSTERFRAU<GOESSINGER"))
        #expect(dcc?[.text("dob")] == .text("1998-02-26"))
        guard case .array(let doses)? = dcc?[.text("v")], let dose = doses.first else { Issue.record("no v"); return }
        #expect(dose[.text("tg")] == .text("840539006") && dose[.text("mp")] == .text("EU/1/20/1528"))
        #expect(dose[.text("dn")]?.int == 1 && dose[.text("sd")]?.int == 2)
        #expect(dose[.text("ci")] == .text("URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B"))
    }
}
