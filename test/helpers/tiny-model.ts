// Writes a tiny BERT-shaped sentence-embedding model that @xenova/transformers can load from disk:
// config.json, tokenizer.json (WordPiece, one token per CJK character), tokenizer_config.json and
// onnx/model.onnx (+ model_quantized.onnx, the file transformers.js picks by default).
// The ONNX graph is last_hidden_state = (E[input_ids] + T[token_type_ids]) * attention_mask, so mean pooling
// gives a bag-of-characters vector: texts that share characters come out close, which is enough to test ranking.
import protobuf from 'protobufjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The subset of onnx.proto (field numbers from onnx/onnx.proto3) needed for a small graph.
const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto { string name = 1; float f = 2; int64 i = 3; bytes s = 4; TensorProto t = 5;
  repeated float floats = 7; repeated int64 ints = 8; int32 type = 20; }
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto { repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4;
  repeated AttributeProto attribute = 5; string domain = 7; }
message ModelProto { int64 ir_version = 1; string producer_name = 2; GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8; }
message GraphProto { repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; repeated float float_data = 4;
  repeated int64 int64_data = 7; string name = 8; bytes raw_data = 9; }
message TensorShapeProto { message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1; }
message TypeProto { message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; } oneof value { Tensor tensor_type = 1; } }
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

const FLOAT = 1;
const INT64 = 7;

export interface TinyModelOptions {
  /** Extra text whose characters join the vocabulary (e.g. the corpus), so they are not [UNK]. */
  text?: string;
  hidden?: number;
  seed?: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so the same options give the same model bytes. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function tinyVocab(text = ''): string[] {
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const ascii = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
  const base = '的是了在有我你他这个们中来上大为和国地到以说时要就出会可也对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟奥婚冰跑幸欲';
  const chars = new Set<string>(ascii);
  for (const c of base) chars.add(c);
  for (const c of text.toLowerCase()) if (/[\u3400-\u9fff\uf900-\ufaffa-z0-9]/.test(c)) chars.add(c);
  return [...special, ...[...chars].sort()];
}

/** Writes the model into `<dir>/<name>/` and returns that folder. */
export function writeTinyModel(dir: string, name = 'tiny-bert', opts: TinyModelOptions = {}): string {
  const hidden = opts.hidden ?? 32;
  const vocab = tinyVocab(opts.text);
  const out = join(dir, name);
  mkdirSync(join(out, 'onnx'), { recursive: true });

  const rand = rng(opts.seed ?? 42);
  const emb = new Float32Array(vocab.length * hidden).map(() => rand() * 2 - 1);
  emb.fill(0, 0, hidden); // [PAD] contributes nothing
  const typeEmb = new Float32Array(2 * hidden).map(() => (rand() * 2 - 1) * 0.01);

  const root = protobuf.parse(ONNX_PROTO).root;
  const Model = root.lookupType('onnx.ModelProto');
  const dyn = (...names: string[]) => ({ dim: names.map((n) => ({ dimParam: n })) });
  const input = (name: string, elem: number, shape: ReturnType<typeof dyn>) => ({ name, type: { tensorType: { elemType: elem, shape } } });
  const f32 = (name: string, dims: number[], data: Float32Array) => ({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer) });
  const model = {
    irVersion: 7,
    producerName: 'cka-tiny-model',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-bert',
      node: [
        { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['tok'], name: 'g0' },
        { opType: 'Gather', input: ['type_embeddings', 'token_type_ids'], output: ['typ'], name: 'g1' },
        { opType: 'Add', input: ['tok', 'typ'], output: ['sum'], name: 'a0' },
        { opType: 'Cast', input: ['attention_mask'], output: ['maskf'], name: 'c0', attribute: [{ name: 'to', i: FLOAT, type: 2 }] },
        { opType: 'Unsqueeze', input: ['maskf', 'axes'], output: ['mask3'], name: 'u0' },
        { opType: 'Mul', input: ['sum', 'mask3'], output: ['last_hidden_state'], name: 'm0' },
      ],
      initializer: [
        f32('word_embeddings', [vocab.length, hidden], emb),
        f32('type_embeddings', [2, hidden], typeEmb),
        { name: 'axes', dims: [1], dataType: INT64, int64Data: [2] },
      ],
      input: [
        input('input_ids', INT64, dyn('batch', 'seq')),
        input('attention_mask', INT64, dyn('batch', 'seq')),
        input('token_type_ids', INT64, dyn('batch', 'seq')),
      ],
      output: [{ name: 'last_hidden_state', type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'seq' }, { dimValue: hidden }] } } } }],
    },
  };
  const err = Model.verify(model);
  if (err) throw new Error(`tiny model: ${err}`);
  const bytes = Model.encode(Model.fromObject(model)).finish();
  writeFileSync(join(out, 'onnx/model.onnx'), bytes);
  writeFileSync(join(out, 'onnx/model_quantized.onnx'), bytes);

  const config = { model_type: 'bert', architectures: ['BertModel'], hidden_size: hidden, vocab_size: vocab.length, max_position_embeddings: 512, type_vocab_size: 2 };
  writeFileSync(join(out, 'config.json'), JSON.stringify(config));
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
  writeFileSync(join(out, 'tokenizer.json'), JSON.stringify(tokenizer));
  const tokConfig = { tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' };
  writeFileSync(join(out, 'tokenizer_config.json'), JSON.stringify(tokConfig));
  return out;
}
