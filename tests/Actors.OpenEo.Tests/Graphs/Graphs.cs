namespace Actors.OpenEo.Tests.Graphs;

/// <summary>Process graphs as the openEO clients build them.</summary>
internal static class Graphs
{
    /// <summary>NDVI with the ndvi process, saved as a GeoTIFF.</summary>
    public const string Ndvi = """
        {
          "process_graph": {
            "load1": {
              "process_id": "load_collection",
              "arguments": {
                "id": "sentinel-2-l2a",
                "spatial_extent": {"west": 11.2, "south": 46.4, "east": 11.4, "north": 46.6},
                "temporal_extent": ["2024-05-01", "2024-06-01"],
                "bands": ["red", "nir"]
              }
            },
            "ndvi1": {
              "process_id": "ndvi",
              "arguments": {"data": {"from_node": "load1"}, "nir": "nir", "red": "red"}
            },
            "save1": {
              "process_id": "save_result",
              "arguments": {"data": {"from_node": "ndvi1"}, "format": "GTiff", "options": {}},
              "result": true
            }
          }
        }
        """;

    /// <summary>
    /// NDVI by band math in a reducer over the bands, then the maximum over time, saved as a GeoTIFF: what the
    /// js-client builder sends for <c>reduce_dimension(..., "bands")</c> and <c>reduce_dimension(..., "t")</c>.
    /// </summary>
    public const string NdviThenMaxOverTime = """
        {
          "process_graph": {
            "loadcollection1": {
              "process_id": "load_collection",
              "arguments": {
                "id": "sentinel-2-l2a",
                "spatial_extent": {"west": 11.2, "south": 46.4, "east": 11.4, "north": 46.6, "crs": 4326},
                "temporal_extent": ["2024-05-01T00:00:00Z", "2024-07-01T00:00:00Z"],
                "bands": ["red", "nir"]
              }
            },
            "reducedimension1": {
              "process_id": "reduce_dimension",
              "arguments": {
                "data": {"from_node": "loadcollection1"},
                "dimension": "bands",
                "reducer": {
                  "process_graph": {
                    "arrayelement1": {
                      "process_id": "array_element",
                      "arguments": {"data": {"from_parameter": "data"}, "label": "nir"}
                    },
                    "arrayelement2": {
                      "process_id": "array_element",
                      "arguments": {"data": {"from_parameter": "data"}, "index": 0}
                    },
                    "normalizeddifference1": {
                      "process_id": "normalized_difference",
                      "arguments": {"x": {"from_node": "arrayelement1"}, "y": {"from_node": "arrayelement2"}},
                      "result": true
                    }
                  }
                }
              }
            },
            "reducedimension2": {
              "process_id": "reduce_dimension",
              "arguments": {
                "data": {"from_node": "reducedimension1"},
                "dimension": "t",
                "reducer": {
                  "process_graph": {
                    "max1": {
                      "process_id": "max",
                      "arguments": {"data": {"from_parameter": "data"}},
                      "result": true
                    }
                  }
                }
              }
            },
            "saveresult1": {
              "process_id": "save_result",
              "arguments": {"data": {"from_node": "reducedimension2"}, "format": "GTiff"},
              "result": true
            }
          }
        }
        """;

    /// <summary>
    /// The NDVI-then-max-over-time graph exactly as @openeo/js-client 2.12.0's builder sends it (generated with
    /// <c>new Builder(definitions)</c>: <c>load_collection</c>, <c>reduce_dimension</c> over bands with
    /// <c>normalized_difference(data["nir"], data["red"])</c>, over t with <c>max</c>, <c>save_result</c> "GTiff"; the
    /// client marks the node it is given as the result when it sends it).
    /// </summary>
    public const string JsClientNdviMax = """
        {
          "process_graph": {
            "loadco1": {
              "process_id": "load_collection",
              "arguments": {
                "id": "sentinel-2-l2a",
                "spatial_extent": {
                  "west": 11.2,
                  "south": 46.4,
                  "east": 11.4,
                  "north": 46.6
                },
                "temporal_extent": [
                  "2024-05-01",
                  "2024-07-01"
                ],
                "bands": [
                  "red",
                  "nir"
                ]
              }
            },
            "reduce1": {
              "process_id": "reduce_dimension",
              "arguments": {
                "data": {
                  "from_node": "loadco1"
                },
                "reducer": {
                  "process_graph": {
                    "arraye1": {
                      "process_id": "array_element",
                      "arguments": {
                        "data": {
                          "from_parameter": "data"
                        },
                        "label": "nir"
                      }
                    },
                    "arraye2": {
                      "process_id": "array_element",
                      "arguments": {
                        "data": {
                          "from_parameter": "data"
                        },
                        "label": "red"
                      }
                    },
                    "normal1": {
                      "process_id": "normalized_difference",
                      "arguments": {
                        "x": {
                          "from_node": "arraye1"
                        },
                        "y": {
                          "from_node": "arraye2"
                        }
                      },
                      "result": true
                    }
                  }
                },
                "dimension": "bands"
              }
            },
            "reduce2": {
              "process_id": "reduce_dimension",
              "arguments": {
                "data": {
                  "from_node": "reduce1"
                },
                "reducer": {
                  "process_graph": {
                    "max1": {
                      "process_id": "max",
                      "arguments": {
                        "data": {
                          "from_parameter": "data"
                        }
                      },
                      "result": true
                    }
                  }
                },
                "dimension": "t"
              }
            },
            "savere1": {
              "process_id": "save_result",
              "arguments": {
                "data": {
                  "from_node": "reduce2"
                },
                "format": "GTiff"
              },
              "result": true
            }
          }
        }
        """;
}
