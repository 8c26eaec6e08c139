//! Connecting to the central server: rustls on the ring provider (pure Rust and assembly, so
//! the Windows cross-compile needs no OpenSSL), Mozilla's roots plus any CA the URL names.

use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::{CentralError, SslMode, Target};

/// The largest CA file read.
const CA_CAP: u64 = 1024 * 1024;

/// Open a connection to `target` as its user, with `password` if there is one.
pub fn connect(target: &Target, password: Option<&str>) -> Result<postgres::Client, CentralError> {
    let mut config = target.config.clone();
    if let Some(password) = password {
        config.password(password);
    }
    let connected = match target.sslmode {
        SslMode::Disable => config.connect(postgres::NoTls),
        _ => config.connect(MakeRustlsConnect::new(client_config(target)?)),
    };
    connected.map_err(|err| CentralError::from_postgres(&err, &target.user))
}

fn client_config(target: &Target) -> Result<ClientConfig, CentralError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|err| CentralError::TlsSetup(err.to_string()))?;
    if target.sslmode == SslMode::Require {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unchecked(
                provider.signature_verification_algorithms,
            )))
            .with_no_client_auth());
    }
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = &target.ca_file {
        let bad = |what: String| CentralError::CaFile {
            path: path.clone(),
            what,
        };
        let bytes = crate::fsio::read_regular(path, CA_CAP)
            .map_err(|err| bad(err.message(crate::lang::Lang::En)))?;
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
            .collect::<Result<_, _>>()
            .map_err(|err| bad(err.to_string()))?;
        if certs.is_empty() {
            return Err(bad(String::from("no PEM certificate in the file")));
        }
        for cert in certs {
            roots.add(cert).map_err(|err| bad(err.to_string()))?;
        }
    }
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// `sslmode=require`: the connection is encrypted, but any certificate is taken. Signatures
/// are still checked, so the handshake is a real one with whoever holds the key.
#[derive(Debug)]
struct Unchecked(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}
