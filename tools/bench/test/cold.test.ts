import { describe, expect, it } from 'vitest';
import { dummyValue, flatEnvironment, handlerModule } from '../src/cold-artifacts.ts';
import { median } from '../src/cold-measure.ts';

describe('bench:cold', () => {
  it('finds the bundle and export a handler string names', () => {
    expect(handlerModule('src/handlers/http/send-message.handler')).toEqual({
      module: 'src/handlers/http/send-message.mjs',
      exportName: 'handler',
    });
    expect(() => handlerModule('handler')).toThrow(/names no export/);
  });

  it('gives CloudFormation values dummies that keep their shape (a URL stays a URL)', () => {
    const endpoint = dummyValue({
      'Fn::Join': [
        '',
        ['https://', { Ref: 'WebsocketsApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com/ci'],
      ],
    });
    expect(new URL(endpoint).hostname).toBe('dummy-websocketsapi.execute-api.dummy-aws-region.amazonaws.com');
    expect(dummyValue({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('dummy-table-arn');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Fn::Sub template, not JS
    expect(dummyValue({ 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' })).toBe('arn:aws:s3:::dummy-bucket/*');
    expect(flatEnvironment({ A: 'a', N: 3 }, { A: { 'Fn::ImportValue': 'parley-ci-X' } })).toEqual({
      A: 'dummy-parley-ci-x',
      N: '3',
    });
  });

  it('takes the median of odd and even sample counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
