import { Community, Estate, SubDistrict } from '../communities/communities.entity';
import { AppMeta } from './app-meta.entity';

/** Every entity of the schema; migrations for both dialects are generated from this list. */
export const entities = [AppMeta, SubDistrict, Community, Estate];
