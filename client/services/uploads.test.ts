import { PHOTO_MAX_BYTES } from '@shared/uploads/uploads.schema';
import { taroMock } from '@/test-support/taro-mock';
import { choosePhoto, photoProblem } from './uploads';

describe('photos', () => {
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('accepts JPEG, PNG and WebP up to the size limit, and refuses the rest before uploading', () => {
    expect(photoProblem({ path: 'a', sizeBytes: 1000, contentType: 'image/jpeg' })).toBeUndefined();
    expect(photoProblem({ path: 'a', sizeBytes: PHOTO_MAX_BYTES, contentType: 'image/webp' })).toBeUndefined();
    expect(photoProblem({ path: 'a', sizeBytes: 1000, contentType: 'image/heic' })).toMatch(/JPG、PNG 或 WebP/);
    expect(photoProblem({ path: 'a', sizeBytes: PHOTO_MAX_BYTES + 1, contentType: 'image/png' })).toMatch(/10 MB/);
    expect(photoProblem({ path: 'a', sizeBytes: 0, contentType: 'image/png' })).toMatch(/空的/);
    // Unknown type: the server checks the bytes.
    expect(photoProblem({ path: 'a', sizeBytes: 1000 })).toBeUndefined();
  });

  it('web: uses chooseImage and keeps the file name and type', async () => {
    taroMock.chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:1'],
      tempFiles: [{ path: 'blob:1', size: 2048, type: 'image/png', originalFileObj: { name: '合同.png' } }],
    });
    await expect(choosePhoto()).resolves.toEqual({
      path: 'blob:1',
      sizeBytes: 2048,
      contentType: 'image/png',
      fileName: '合同.png',
    });
    expect(taroMock.chooseMedia).not.toHaveBeenCalled();
  });

  it('mini-program: uses chooseMedia and reads the type from the temp file name', async () => {
    process.env.TARO_ENV = 'weapp';
    taroMock.chooseMedia.mockResolvedValueOnce({
      tempFiles: [{ tempFilePath: 'http://tmp/abc.JPG', size: 3000, fileType: 'image' }],
    });
    await expect(choosePhoto()).resolves.toEqual({
      path: 'http://tmp/abc.JPG',
      sizeBytes: 3000,
      contentType: 'image/jpeg',
    });
    expect(taroMock.chooseMedia.mock.calls[0]?.[0]).toMatchObject({ count: 1, mediaType: ['image'] });
  });

  it('a cancelled choice is no photo, not an error', async () => {
    taroMock.chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' });
    await expect(choosePhoto()).resolves.toBeUndefined();
  });
});
