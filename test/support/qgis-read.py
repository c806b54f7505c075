"""Reads the data sharing service as an officer's QGIS does, headless (QGIS 3.22 from Debian's python3-qgis).

Input (argv[1]): JSON {"base": "http://host:port", "key": "sk_..." or null,
  "oapif": [{"collection": "plots", "withKey": false}, ...],
  "tiles": [{"layer": "parcel", "withKey": true, "tile": [z, x, y]}, ...]}
Output (stdout, last line): JSON with, per OAPIF layer, validity, CRS, feature count, invalid geometries and the
property names; for the vector tiles, the TileJSON's answer, the vector tile layer's validity and one tile's answer
as QGIS's network layer receives it.

QGIS 3.22 has no "API header" authentication method (it came in later versions), so the key is added to each
request to the service by QgsNetworkAccessManager's request preprocessor, which is what that method does.
"""
import json
import os
import sys

os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsDataSourceUri,
    QgsNetworkAccessManager,
    QgsVectorLayer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QByteArray, QUrl  # noqa: E402
from qgis.PyQt.QtNetwork import QNetworkRequest  # noqa: E402

spec = json.loads(sys.argv[1])
app = QgsApplication([], False)
app.initQgis()
base = spec['base']
state = {'key': None}


def add_key(request):
    if state['key'] and request.url().toString().startswith(base):
        request.setRawHeader(QByteArray(b'X-API-Key'), QByteArray(state['key'].encode()))


QgsNetworkAccessManager.setRequestPreprocessor(add_key)


def read_oapif(item):
    state['key'] = spec['key'] if item['withKey'] else None
    uri = f"url='{base}/ogc' typename='{item['collection']}' restrictToRequestBBOX='0'"
    layer = QgsVectorLayer(uri, item['collection'], 'OAPIF')
    out = {'collection': item['collection'], 'withKey': item['withKey'], 'valid': layer.isValid()}
    if not layer.isValid():
        return out
    count = 0
    invalid = 0
    for feature in layer.getFeatures():
        count += 1
        geometry = feature.geometry()
        if geometry.isNull() or not geometry.isGeosValid():
            invalid += 1
    out.update({
        'crs': layer.crs().authid(),
        'count': count,
        'invalidGeometries': invalid,
        'fields': [f.name() for f in layer.fields()],
    })
    return out


def read_tiles(item):
    z, x, y = item['tile']
    # QGIS 3.22's vector tile layer sends no custom header: the TileJSON is asked for with key=, so that the tile
    # addresses it gives carry the key
    tilejson_url = f"{base}/tiles/{item['layer']}.json" + (f"?key={spec['key']}" if item['withKey'] else '')
    state['key'] = None
    reply = QgsNetworkAccessManager.blockingGet(QNetworkRequest(QUrl(tilejson_url)))
    out = {'layer': item['layer'], 'withKey': item['withKey'], 'tilejsonStatus': reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)}
    if reply.error() != 0:
        out['tilejsonValid'] = False
        template = f"{base}/tiles/{item['layer']}/{{z}}/{{x}}/{{y}}.pbf"
        zmin, zmax = 0, 16
    else:
        tilejson = json.loads(bytes(reply.content()).decode())
        out['tilejsonValid'] = True
        template, zmin, zmax = tilejson['tiles'][0], tilejson['minzoom'], tilejson['maxzoom']
    uri = QgsDataSourceUri()
    uri.setParam('type', 'xyz')
    uri.setParam('url', template)
    uri.setParam('zmin', str(zmin))
    uri.setParam('zmax', str(zmax))
    layer = QgsVectorTileLayer(bytes(uri.encodedUri()).decode(), item['layer'])
    out['valid'] = layer.isValid()
    # the tile's answer as QGIS receives it
    tile_url = template.replace('{z}', str(z)).replace('{x}', str(x)).replace('{y}', str(y))
    tile_reply = QgsNetworkAccessManager.blockingGet(QNetworkRequest(QUrl(tile_url)))
    out['tileStatus'] = tile_reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
    out['tileBytes'] = len(tile_reply.content())
    # a Mapbox Vector Tile is a protobuf message whose first field is a layer (field 3, wire type 2: byte 0x1a)
    out['tileIsMvt'] = bytes(tile_reply.content())[:1] == b'\x1a'
    return out


result = {'oapif': [read_oapif(item) for item in spec.get('oapif', [])]}
if spec.get('tiles'):
    result['tiles'] = [read_tiles(item) for item in spec['tiles']]
print(json.dumps(result, ensure_ascii=False))
app.exitQgis()
