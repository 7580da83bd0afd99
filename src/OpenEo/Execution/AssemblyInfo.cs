using System.Runtime.CompilerServices;

// The process conformance tests compile single processes with the callback compiler directly.
[assembly: InternalsVisibleTo("Actors.OpenEo.Tests")]
