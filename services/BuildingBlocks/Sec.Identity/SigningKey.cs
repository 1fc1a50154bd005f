using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Sec.Identity;

/// <summary>
/// The embedded default's signing key: an RSA key kept as a PKCS#8 PEM file in the data folder,
/// created on first use and readable only by its owner. Whoever can read the data folder can issue
/// tokens, which is what a developer running the suite on their own machine expects; production
/// gives the services only the public keys (a JWKS file or URL) and issues tokens elsewhere.
/// </summary>
public static class SigningKey
{
    /// <summary>The key's file under a data folder.</summary>
    public static string FileIn(string dataDirectory) => Path.Combine(dataDirectory, "identity", "signing-key.pem");

    public static RsaSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var created = RSA.Create(2048);
            var pem = created.ExportPkcs8PrivateKeyPem();
            try
            {
                // Two processes may start together: the first to create the file wins, the other reads it.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                using var writer = new StreamWriter(stream);
                writer.Write(pem);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        return Load(path);
    }

    public static RsaSecurityKey Load(string path)
    {
        var rsa = RSA.Create();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                rsa.ImportFromPem(File.ReadAllText(path));
                break;
            }
            catch (ArgumentException) when (attempt < 20)
            {
                Thread.Sleep(50); // the creating process is still writing it
            }
        }
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    /// <summary>The public half as a JSON Web Key Set, as services and gateways configured with a JWKS read it.</summary>
    public static string PublicJwks(RsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        return $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
    }
}
