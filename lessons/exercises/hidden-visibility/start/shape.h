/* shape: the public interface of libshape.so. */
#ifndef SHAPE_H
#define SHAPE_H

double rect_area(double w, double h);

#endif
