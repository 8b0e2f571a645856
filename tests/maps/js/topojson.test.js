/* The page's TopoJSON decoder (maps/static/topojson.js) on a hand-written topology. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const {topojson} = require("../../../maps/static/topojson.js");

/* Two squares side by side sharing their middle edge (arc 0), quantised on a grid of
   0.5 × 0.25 degrees from (100, 20), arcs delta-encoded. */
function twoSquares() {
  return {
    type: "Topology",
    transform: {scale: [0.5, 0.25], translate: [100, 20]},
    arcs: [
      [[2, 0], [0, 2]],                      // (2,0) -> (2,2): the shared edge
      [[2, 2], [-2, 0], [0, -2], [2, 0]],    // (2,2) -> (0,2) -> (0,0) -> (2,0)
      [[2, 2], [2, 0], [0, -2], [-2, 0]]     // (2,2) -> (4,2) -> (4,0) -> (2,0)
    ],
    objects: {
      units: {type: "GeometryCollection", geometries: [
        {type: "Polygon", arcs: [[0, 1]], properties: {a: "450000", n: "west"}, id: "w"},
        {type: "Polygon", arcs: [[-1, -3]], properties: {a: "440000", n: "east"}},
        {type: "Point", coordinates: [0, 0]}
      ]},
      both: {type: "MultiPolygon", arcs: [[[0, 1]], [[-1, -3]]]},
      border: {type: "LineString", arcs: [0]},
      edges: {type: "MultiLineString", arcs: [[0], [-3]]}
    }
  };
}

const grid = (x, y) => [100 + 0.5 * x, 20 + 0.25 * y];

test("quantised, delta-encoded arcs decode to closed rings in degrees", () => {
  const features = topojson.feature(twoSquares(), "units").features;
  assert.equal(features.length, 2, "geometries without arcs are skipped");
  const [west, east] = features;
  assert.deepEqual(west.geometry, {type: "Polygon", coordinates: [
    [grid(2, 0), grid(2, 2), grid(0, 2), grid(0, 0), grid(2, 0)]]});
  assert.deepEqual(east.geometry.coordinates[0],
                   [grid(2, 2), grid(2, 0), grid(4, 0), grid(4, 2), grid(2, 2)]);
  assert.deepEqual(west.properties, {a: "450000", n: "west"});
  assert.equal(west.id, "w");
  assert.deepEqual(east.properties, {a: "440000", n: "east"});
});

test("a shared arc is the same edge in both polygons, reversed in one", () => {
  const [west, east] = topojson.feature(twoSquares(), "units").features;
  const edge = west.geometry.coordinates[0].slice(0, 2);
  assert.deepEqual(east.geometry.coordinates[0].slice(0, 2), edge.slice().reverse());
});

test("multipolygons, lines and multilines decode too", () => {
  const topology = twoSquares();
  const [both] = topojson.feature(topology, "both").features;
  assert.equal(both.geometry.type, "MultiPolygon");
  assert.equal(both.geometry.coordinates.length, 2);
  assert.deepEqual(topojson.feature(topology, "border").features[0].geometry,
                   {type: "LineString", coordinates: [grid(2, 0), grid(2, 2)]});
  assert.deepEqual(topojson.feature(topology, "edges").features[0].geometry.coordinates[1],
                   [grid(2, 0), grid(4, 0), grid(4, 2), grid(2, 2)]);
});

test("positions go through the converter, decoded once per converter", () => {
  const topology = twoSquares();
  let calls = 0;
  const swap = (p) => { calls += 1; return {lat: p[1], lng: p[0]}; };
  const first = topojson.feature(topology, "units", swap).features;
  assert.deepEqual(first[0].geometry.coordinates[0][2], {lat: 20.5, lng: 100});
  const before = calls;
  topojson.feature(topology, "both", swap);
  assert.equal(calls, before, "the arcs were decoded already");
  assert.equal(before, 2 + 4 + 4);
});

test("a topology without a transform keeps its coordinates", () => {
  const topology = {type: "Topology", arcs: [[[1, 2], [3, 4], [1, 2]]],
                    objects: {x: {type: "Polygon", arcs: [[0]]}}};
  assert.deepEqual(topojson.feature(topology, "x").features[0].geometry.coordinates, [[[1, 2], [3, 4], [1, 2]]]);
});
