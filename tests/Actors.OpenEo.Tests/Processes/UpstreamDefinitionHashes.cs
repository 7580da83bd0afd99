namespace Actors.OpenEo.Tests.Processes;

/// <summary>
/// SHA-256 of each definition file of openeo-processes 2.0.0-rc.2 as published (taken from the upstream files when
/// they were copied): the embedded copies must be these files byte for byte.
/// </summary>
internal static class UpstreamDefinitionHashes
{
    public static IReadOnlyDictionary<string, string> ById { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["load_collection"] = "e27aec2047eaf33cd3c8ceee0176c94079176fd7c101e99f62b2129362c1c1eb",
        ["filter_bbox"] = "ad4ec76b7d5facef7b2e476b14cd5ed781026af5a051bfa2c7b347180bcf4997",
        ["filter_temporal"] = "da75812ef193739d7dfe34650bc5b2f1ff300bde70eba4ddb48796531e2b18f9",
        ["filter_bands"] = "b4613362a95ff49c42a2fd4e2357504cff6ffffa0b9eb1f9b3191fd9a93fed4f",
        ["reduce_dimension"] = "f6a87e757c29e050045f058f8e3d3bd5571d2ec028e3b60a301538e5bb70b62a",
        ["apply"] = "73f8e79caf34d0f36a1a89fbb126b92ff656b8cc2d337d3ce6e56795daa4e41b",
        ["merge_cubes"] = "3240883a8ad3c10cbe33404745b9be6dbf2fa2e348f8834a684d7385e8ad4423",
        ["resample_spatial"] = "5f7f86e3dde54e978a0b5aa6a7d638940d81659f52975c2afb06acc8bb2e9e00",
        ["mask"] = "408f47b8c8ef3c9144e5216178df1fb192c63f968d734b98db45243e97d84be9",
        ["ndvi"] = "b13d994c2dd8b0e8a0860eb5eb928f3d96c9e725f60b266e20bd59ff45aca3d7",
        ["save_result"] = "d7f15bced5709b373d8903d5faefb01b66f6e28db5b9bc28731d83a46459a225",
        ["add"] = "1cea04faba393d6def6009fd938a4d1efc48a346fa9701cd9d0e26a796195acd",
        ["subtract"] = "54dc21d1284da683c0280971dcf3de2c7635fdb19eda6a4a3d93b98f793f5632",
        ["multiply"] = "23008d61a120c48a27897f09a33888079807e355b76196e9eed30c2764eacc32",
        ["divide"] = "cdba812ca2ad5c7da8d1d76fc8039468f16faf72a2f180be6a761a8b1c5f3c9e",
        ["absolute"] = "78a47d0a9fb07c0d4a71323e27430c230949b1afc44cf972d584d50d79794f82",
        ["power"] = "7a0e5b5be43ffdb658432ed5d67affadb948ac527df9d73ee80471191e6c95b2",
        ["sqrt"] = "854c54dbf6a1e8e0830d7dc99fcf1778dbd69fe798a2d5e358ee74508cd92943",
        ["exp"] = "6c472afffca7ff62516514b03301d4ac9b8e109b1e12c4f2080e57b3f081afe5",
        ["ln"] = "faf1f04d2ff1891dd774a7cb71cbe6a815a4e7bfe053f996229fe179389e1223",
        ["log"] = "b1b6d47ac20bfefe5483b47268ccb686609015bec86f8e852afdc5d3d2238122",
        ["clip"] = "ea00f200456efc045c51614fe16eb8a50034d965d0447ccf3ac3fad5653f4e25",
        ["linear_scale_range"] = "7857f527448c4de150ff7a4abc7db1c35942db3ecc7640882c82a4f1e851d4e4",
        ["normalized_difference"] = "a80049ef355be8606b723121ca6ee0a647b9088cccee284864a2f6d7ef6b498a",
        ["eq"] = "0b021fa98e21f3a11404dac35551c93b807ea93f631681a776f01a59f5db090f",
        ["neq"] = "83c98a76dce6e1c89c33472dffceec19f66294414e872550944762a7aac8f355",
        ["gt"] = "9e42a43b08ef16945425454939ce62a4229ee54b8f95df7ba9841ca30f9188c3",
        ["gte"] = "da557cdd38d0595eba5a465e0579efbb8b6ae8f56645aa74cf1a623a108264bb",
        ["lt"] = "b21252b35a7d3674d4982db7e78489e1af8cc51c9c79f46eafd6ec79858d8c96",
        ["lte"] = "5104bf2e1437e02239f12e926021b0179b8ba3db6ec5c3ce7594d734e2efbbd7",
        ["between"] = "94880e487778bc37f4c7628330fb895c38ccd4ac094ce6148ef09bdbd5437fe3",
        ["and"] = "94b7f442987caebf80b76ad6bc9e12f6d2bce24ed920ff56bb7733745fbc74aa",
        ["or"] = "88049ca6097cd0eb8ebbe4578d28f09204892a260e4d349168790ddf58b6ea03",
        ["not"] = "fd2fa25b5d08bbc5209c4db233472c39509a4dd156f920a61d4007ae227e37ea",
        ["xor"] = "2ec2ba7062d676d7fa640f8774b5f2595b1e56c8b515eb7921a56e225ca396fc",
        ["if"] = "38c12c458fd6523094f2dafbe9db4182bf81cc1d0c8eaf63099ce4dd3db5fd3e",
        ["is_nan"] = "11ece5a3f7d0fb30e2b2c941dcd3bcf3f6d9fd07848838b1e2c6aee74afc1467",
        ["is_nodata"] = "dc0201ce24e381afbb40f52d6e805136f7f61afa9c9894b1b0c723853c444602",
        ["is_valid"] = "3f9026ff99b307d766690cdbbeca41bdaf6521aeab4a66eca7b666d44033c391",
        ["array_element"] = "5ed85328c9942a4271d39a487cf577b5e737dcec66ad5ddb94517f17e519a46e",
        ["mean"] = "31595510c7617a3caf1372d52769a4f97b273c4e618417482cfaf5f71c116525",
        ["median"] = "ece2107752b1c3b650b17e588d7edc41c0c9d9b30717df3c917473c0ba253399",
        ["max"] = "8d130cd0312a87cd639b0d329f40b847236342e2280a0569f08f8b2d8511a008",
        ["min"] = "6bb3050792caac1ef7a34fa08cb944107a92dbe03f954ad0c0971d3ccd1b9f6c",
        ["count"] = "2df133c173dbf5a5b28238aaa47015cbbf02a893e1c88a3c70ffd3c3621ba496",
        ["sum"] = "f4604a628fcbcb0985c14fecb79d52bc14892832b0455f7bfc86487bc14cbd3a",
        ["sd"] = "6c306f3808629f7b8eec74dfa4d73fbdd2b9828b46ae170a5093d359c9b0ff04",
        ["variance"] = "b5da60f2317d25391df88fc7f1d0383f42f1c029ce537cbbac31acf02bb3665e",
        ["first"] = "0e99513eaac73142eaf4ee74583bf9d339a3c9f910e5037a5185a2d1037b8053",
        ["last"] = "4041f862917d9b2fac88b9479b4ce69719ff52731ffd1cd3cdaed60ef26fc31e",
    };
}
